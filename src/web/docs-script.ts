// The API reference page's browser script, served as /__ui/docs.js. It starts Swagger UI (from
// swagger-ui-dist, served by this server) on the docs flavour of the spec and, when the fixture
// has a user, pre-authorizes Basic with it so "Try it out" works at once.
export const DOCS_JS = String.raw`(function () {
  'use strict';
  var host = document.getElementById('swagger-ui');
  var config = host.dataset;
  var ui = SwaggerUIBundle({
    url: config.spec,
    dom_id: '#swagger-ui',
    deepLinking: true,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayRequestDuration: true,
    filter: true,
    tryItOutEnabled: false,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    onComplete: function () {
      if (config.user) ui.preauthorizeBasic('Basic', config.user, config.password);
    },
  });
  window.ui = ui;
})();
`;
