/*
 * argkb: argument maps a reader can zoom, pan and open full screen, and whose boxes open their
 * page through Material's instant navigation.
 *
 * A map arrives as inline SVG (drawn at build time) that already fits its column; this adds a
 * toolbar (zoom in, zoom out, fit, full screen), keyboard control of the focusable view (+, -,
 * 0, arrow keys), and pan and pinch (Panzoom, bundled in vendor/panzoom/) once zoomed in or in
 * full screen. Material intercepts clicks on HTML links only (an SVG <a> has no string href),
 * so a click on a box is replayed on a hidden HTML link to the same URL, which Material then
 * loads in place (or the browser, for a page instant navigation does not know).
 */
(function () {
  "use strict";
  var STEP = 60; // px an arrow key pans

  function button(label, text, action) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "argkb-map__button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.textContent = text;
    b.addEventListener("click", action);
    return b;
  }

  function fullscreenElement() {
    return document.fullscreenElement || document.webkitFullscreenElement || null;
  }

  function enhance(figure) {
    var svg = figure.querySelector("svg");
    if (!svg || figure.querySelector(".argkb-map__viewport") || typeof Panzoom !== "function") return;
    var viewport = document.createElement("div");
    viewport.className = "argkb-map__viewport";
    viewport.tabIndex = 0;
    viewport.setAttribute("role", "region");
    viewport.setAttribute("aria-label", (svg.getAttribute("aria-label") || "Argument map") +
      ": zoom with + and -, pan with the arrow keys, 0 fits it again");
    var canvas = document.createElement("div");
    canvas.className = "argkb-map__canvas";
    svg.parentNode.insertBefore(viewport, svg);
    viewport.appendChild(canvas);
    canvas.appendChild(svg);
    var pz = Panzoom(canvas, {
      minScale: 1, maxScale: 8, step: 0.35, panOnlyWhenZoomed: true, cursor: "default",
      touchAction: "pan-y", canvas: true
    });
    canvas.addEventListener("panzoomchange", function (event) {
      var zoomed = event.detail.scale > 1.01 || fullscreenElement() === figure;
      viewport.style.touchAction = zoomed ? "none" : "pan-y";
      canvas.style.cursor = zoomed ? "grab" : "default";
    });
    viewport.addEventListener("wheel", function (event) {
      if (event.ctrlKey || fullscreenElement() === figure) pz.zoomWithWheel(event); // page scroll otherwise
    }, { passive: false });
    viewport.addEventListener("keydown", function (event) {
      if (event.target !== viewport || event.altKey || event.metaKey || event.ctrlKey) return;
      var scale = pz.getScale();
      var moves = { ArrowLeft: [STEP, 0], ArrowRight: [-STEP, 0], ArrowUp: [0, STEP], ArrowDown: [0, -STEP] };
      if (event.key === "+" || event.key === "=") pz.zoomIn();
      else if (event.key === "-" || event.key === "_") pz.zoomOut();
      else if (event.key === "0") pz.reset();
      else if (moves[event.key] && scale > 1.01) {
        pz.pan(moves[event.key][0] / scale, moves[event.key][1] / scale, { relative: true });
      } else return;
      event.preventDefault();
    });
    var bar = document.createElement("div");
    bar.className = "argkb-map__toolbar";
    bar.appendChild(button("Zoom in", "+", function () { pz.zoomIn(); }));
    bar.appendChild(button("Zoom out", "\u2212", function () { pz.zoomOut(); }));
    bar.appendChild(button("Fit to view", "Fit", function () { pz.reset(); }));
    function toggleFallback() { // no Fullscreen API (iOS Safari): fill the window instead
      var on = figure.classList.toggle("argkb-map--full");
      full.setAttribute("aria-label", on ? "Leave full screen" : "Full screen");
      pz.reset({ animate: false });
    }
    var full = button("Full screen", "Full screen", function () {
      if (fullscreenElement() === figure) {
        (document.exitFullscreen || document.webkitExitFullscreen).call(document);
      } else if (figure.classList.contains("argkb-map--full") || !figure.requestFullscreen) {
        toggleFallback();
      } else {
        figure.requestFullscreen().catch(toggleFallback);
      }
    });
    bar.appendChild(full);
    figure.insertBefore(bar, viewport);
    figure.addEventListener("fullscreenchange", function () {
      var on = fullscreenElement() === figure;
      full.setAttribute("aria-label", on ? "Leave full screen" : "Full screen");
      full.title = full.getAttribute("aria-label");
      pz.reset({ animate: false });
      viewport.style.touchAction = on ? "none" : "pan-y";
    });
    // a drag that ends on a box is a pan, not a click on it
    var down = null;
    viewport.addEventListener("pointerdown", function (event) { down = [event.clientX, event.clientY]; });
    figure.argkbMoved = function (event) {
      return down !== null && Math.abs(event.clientX - down[0]) + Math.abs(event.clientY - down[1]) > 6;
    };
  }

  // Capture phase: runs before Material's own handler, which cannot read an SVG link.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a") : null;
    var figure = link ? link.closest(".argkb-map") : null;
    if (!figure || !(link instanceof SVGAElement) || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    if (figure.argkbMoved && event.detail > 0 && figure.argkbMoved(event)) return;
    var href = link.getAttribute("xlink:href") || link.getAttribute("href");
    if (!href) return;
    var proxy = document.createElement("a");
    proxy.href = new URL(href, document.baseURI).href;
    proxy.hidden = true;
    document.body.appendChild(proxy);
    if (fullscreenElement()) (document.exitFullscreen || document.webkitExitFullscreen).call(document);
    figure.classList.remove("argkb-map--full");
    proxy.click();
    proxy.remove();
  }, true);

  function enhanceAll() {
    document.querySelectorAll(".argkb-map").forEach(enhance);
  }
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(enhanceAll); // every page instant navigation swaps in
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", enhanceAll);
  } else {
    enhanceAll();
  }
})();
