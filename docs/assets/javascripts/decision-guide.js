// The interactive decision guide. The page carries the rules as JSON in a data attribute (from
// data/decision.yml by hooks/_decision.py, which applies the same rules in Python for the tests
// and for the static guide). This script shows the form, keeps the answers in the page's query
// string so that a link reproduces them, and explains the result with the reasons behind it.
(function () {
  "use strict";

  function evaluate(data, answers) {
    var totals = { pytorch: 0, tensorflow: 0, either: 0 };
    var reasons = [];
    var answered = 0;
    data.questions.forEach(function (question) {
      var chosen = question.answers.filter(function (a) { return a.id === answers[question.id]; })[0];
      if (!chosen) return;
      answered += 1;
      chosen.reasons.forEach(function (reason) {
        totals[reason.lean] += reason.weight;
        reasons.push(reason);
      });
    });
    var difference = totals.pytorch - totals.tensorflow;
    var leaning = "none", strength = null;
    if (answered) {
      if (Math.abs(difference) <= data.scoring.balance) {
        leaning = "depends";
      } else {
        leaning = difference > 0 ? "pytorch" : "tensorflow";
        strength = Math.abs(difference) >= data.scoring.strong ? "strong" : "moderate";
      }
    }
    // As in hooks/_decision.py: reasons for either side outweighing both suggest keeping the
    // choice open, for example with Keras 3.
    var keepOpen = answered > 0 && totals.either > Math.max(totals.pytorch, totals.tensorflow);
    return { leaning: leaning, strength: strength, open: keepOpen, totals: totals, reasons: reasons };
  }

  // Answers from the query string; any unknown question value leaves the whole state unused.
  function fromQuery(data, search) {
    var params = new URLSearchParams(search);
    var answers = {};
    for (var i = 0; i < data.questions.length; i++) {
      var question = data.questions[i];
      var value = params.get(question.id);
      if (value === null || value === "") continue;
      var known = question.answers.some(function (a) { return a.id === value; });
      if (!known) return {};
      answers[question.id] = value;
    }
    return answers;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function link(text, href) {
    var a = element("a", null, text);
    a.href = href;
    a.dataset.printUrl = a.href; // the full address, shown on paper by print.css
    return a;
  }

  function render(output, data, result) {
    output.textContent = "";
    output.dataset.empty = result.leaning === "none"; // print.css leaves an empty result out
    var headline = element("p", "decision-leaning");
    if (result.leaning === "none") {
      headline.textContent = data.empty;
      output.appendChild(headline);
      return;
    }
    var names = data.leans;
    headline.appendChild(element("strong", null,
      result.leaning === "depends" ? "It depends: the reasons balance."
        : "Leaning " + names[result.leaning] + " (" + result.strength + ")."));
    output.appendChild(headline);
    if (result.open) {
      output.appendChild(element("p", "decision-open",
        "The strongest reasons favor keeping the choice open, for example with Keras 3."));
    }
    output.appendChild(element("p", "decision-totals",
      "Weights: PyTorch " + result.totals.pytorch + ", TensorFlow " + result.totals.tensorflow +
      "; for either framework or Keras 3: " + result.totals.either + "."));
    ["pytorch", "tensorflow", "either"].forEach(function (lean) {
      var items = result.reasons.filter(function (r) { return r.lean === lean; });
      if (!items.length) return;
      output.appendChild(element("h3", null, names[lean]));
      var list = element("ul", "decision-reasons");
      items.forEach(function (reason) {
        var item = element("li", null, reason.text + " (weight " + reason.weight + ") ");
        item.appendChild(link("Evidence", reason.href));
        if (reason.shown) {
          item.appendChild(document.createTextNode(" (shown by this site's executed example)"));
        }
        if (reason.sources.length) {
          item.appendChild(document.createTextNode(reason.sources.length > 1 ? ". Sources: " : ". Source: "));
          reason.sources.forEach(function (source, i) {
            if (i) item.appendChild(document.createTextNode("; "));
            item.appendChild(link(source.title, source.url));
          });
        }
        item.appendChild(document.createTextNode("."));
        list.appendChild(item);
      });
      output.appendChild(list);
    });
  }

  function init() {
    var root = document.getElementById("decision-app");
    if (!root || !root.dataset.guide || root.dataset.ready) return;
    root.dataset.ready = "true";
    var data = JSON.parse(root.dataset.guide);
    var form = root.querySelector("form");
    var output = root.querySelector(".decision-output");
    var share = root.querySelector(".decision-share");
    var answers = fromQuery(data, window.location.search);
    Object.keys(answers).forEach(function (id) {
      var input = form.querySelector('input[name="' + id + '"][value="' + answers[id] + '"]');
      if (input) input.checked = true;
    });
    function current() {
      var chosen = {};
      data.questions.forEach(function (question) {
        var input = form.querySelector('input[name="' + question.id + '"]:checked');
        if (input) chosen[question.id] = input.value;
      });
      return chosen;
    }
    function update() {
      var chosen = current();
      var params = new URLSearchParams();
      Object.keys(chosen).forEach(function (id) { params.set(id, chosen[id]); });
      var query = params.toString();
      var url = window.location.pathname + (query ? "?" + query : "") + window.location.hash;
      window.history.replaceState(window.history.state, "", url);
      share.href = url;
      render(output, data, evaluate(data, chosen));
    }
    form.addEventListener("change", update);
    form.addEventListener("reset", function () { window.setTimeout(update, 0); });
    render(output, data, evaluate(data, current()));
    share.href = window.location.pathname + window.location.search;
  }

  // Material's instant navigation swaps pages without reloading; document$ emits on each.
  if (window.document$) {
    window.document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
