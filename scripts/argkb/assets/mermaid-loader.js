/*
 * argkb: serve Mermaid from this site, and only to pages that draw a diagram.
 *
 * Material for MkDocs loads Mermaid from unpkg.com when `typeof mermaid == "undefined"`, then
 * calls mermaid.initialize(config) once and mermaid.render(id, code) per diagram. We define
 * `window.mermaid` as a stub first: initialize() keeps the config; the first render() injects
 * the bundled mermaid.min.js (next to this file, ~3.5 MB), which replaces the global; the stub
 * then initializes the real Mermaid with the kept config (securityLevel forced to "strict") and
 * hands the render over. Pages without a diagram never call render(), so they never download
 * Mermaid; with instant navigation the stub lives on, so a later page with a map still gets it.
 */
(function () {
  "use strict";
  if (typeof window.mermaid !== "undefined" && !(window.mermaid instanceof Element)) {
    return; // the stub or the real Mermaid is already there
  }
  var self = document.currentScript ||
    document.querySelector('script[src$="assets/argkb/mermaid-loader.js"]');
  var source = new URL("vendor/mermaid/mermaid.min.js", self ? self.src : document.baseURI).href;
  var config = {};
  var ready = null;

  function load() {
    if (ready) return ready;
    ready = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = source;
      tag.async = true;
      tag.onload = function () {
        var real = window.mermaid;
        if (!real || real === stub || typeof real.render !== "function") {
          reject(new Error("argkb: " + source + " did not define mermaid"));
          return;
        }
        real.startOnLoad = false;
        real.initialize(Object.assign({}, config, { startOnLoad: false, securityLevel: "strict" }));
        resolve(real);
      };
      tag.onerror = function () {
        ready = null; // let the next diagram try again
        reject(new Error("argkb: cannot load " + source));
      };
      document.head.appendChild(tag);
    });
    return ready;
  }

  var stub = {
    initialize: function (options) {
      config = Object.assign({}, options || {});
    },
    render: function (id, code, container) {
      return load().then(function (real) {
        return real.render(id, code, container);
      });
    }
  };
  window.mermaid = stub;
})();
