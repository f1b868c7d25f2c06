/* Refresh /nu when the room changes, but never while someone is typing or choosing.
   Without this file every page still works: it has a "Refresh" button. Old browsers: ES3. */
(function () {
  var body = document.body;
  var version = body && body.getAttribute("data-version");
  if (!version || !window.XMLHttpRequest) { return; }

  function busy() {
    var active = document.activeElement;
    var tag = active && active.tagName ? active.tagName.toLowerCase() : "";
    if (tag === "input" || tag === "textarea" || tag === "select") { return true; }
    var fields = document.getElementsByTagName("textarea");
    for (var i = 0; i < fields.length; i++) { if (fields[i].value) { return true; } }
    var codes = document.getElementsByTagName("input");
    for (var j = 0; j < codes.length; j++) {
      if (codes[j].type === "text" && codes[j].value) { return true; }
      if (codes[j].type === "radio" && codes[j].checked) { return true; }
    }
    return false;
  }

  function check() {
    if (document.hidden || busy()) { return; }
    var request = new XMLHttpRequest();
    request.onreadystatechange = function () {
      if (request.readyState === 4 && request.status === 200 &&
          request.responseText && request.responseText !== version) {
        window.location.replace("/nu");
      }
    };
    request.open("GET", "/nu/versie", true);
    request.send(null);
  }

  window.setInterval(check, 4000);
}());
