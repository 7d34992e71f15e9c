// A survey's public page (www/khao-sat.html) with JavaScript on: questions that skip logic hides are hidden
// and their inputs disabled (so they are not sent), as soon as an answer changes. The expressions arrive as
// the trees the server parses (dlxh_surveys/rules/expression.py) and are evaluated the same way: XPath 1.0
// values, an unanswered or hidden question reads "", a multiple choice reads its values separated by spaces.
// The server checks everything again; without this script every question is shown.
(function () {
	"use strict";
	var form = document.getElementById("ks-form");
	if (!form) return;
	document.documentElement.classList.add("ks-js");

	function number(item) {
		if (typeof item === "boolean") return item ? 1 : 0;
		if (typeof item === "number") return item;
		var text = String(item).trim();
		return text === "" || isNaN(Number(text)) ? NaN : Number(text);
	}
	function truth(item) {
		if (typeof item === "boolean") return item;
		if (typeof item === "number") return !(item === 0 || isNaN(item));
		return String(item).length > 0;
	}
	function words(item) {
		return String(item).split(/\s+/).filter(Boolean);
	}
	function value(node, answers, current) {
		var kind = node[0];
		if (kind === "ref") return answers[node[1]] || "";
		if (kind === "self") return current || "";
		if (kind === "num" || kind === "str") return node[1];
		if (kind === "neg") return -number(value(node[1], answers, current));
		if (kind === "call") {
			var args = node.slice(2).map(function (arg) { return value(arg, answers, current); });
			switch (node[1]) {
				case "not": return !truth(args[0]);
				case "true": return true;
				case "false": return false;
				case "selected": return words(args[0]).indexOf(String(args[1])) >= 0;
				case "count-selected": return words(args[0]).length;
				default: return String(args[0]).length; // string-length
			}
		}
		var op = node[1];
		var left = value(node[2], answers, current);
		var right = value(node[3], answers, current);
		if (op === "or") return truth(left) || truth(right);
		if (op === "and") return truth(left) && truth(right);
		if (op === "<") return number(left) < number(right);
		if (op === ">") return number(left) > number(right);
		if (op === "<=") return number(left) <= number(right);
		if (op === ">=") return number(left) >= number(right);
		if (op === "=" || op === "!=") {
			var equal;
			if (typeof left === "boolean" || typeof right === "boolean") equal = truth(left) === truth(right);
			else if (typeof left === "number" || typeof right === "number") equal = number(left) === number(right);
			else equal = String(left) === String(right);
			return op === "=" ? equal : !equal;
		}
		var a = number(left), b = number(right);
		if (op === "+") return a + b;
		if (op === "-") return a - b;
		if (op === "*") return a * b;
		if (op === "div") return a / b;
		return b ? a % b : NaN; // mod
	}
	function holds(element, answers) {
		var tree = element.getAttribute("data-relevant");
		return !tree || truth(value(JSON.parse(tree), answers, ""));
	}
	function answerOf(question) {
		var inputs = question.querySelectorAll("input, textarea");
		var chosen = [];
		for (var i = 0; i < inputs.length; i++) {
			var input = inputs[i];
			if (input.type === "radio" || input.type === "checkbox") {
				if (input.checked) chosen.push(input.value);
			} else if (input.value.trim()) {
				chosen.push(input.value.trim());
			}
		}
		return chosen.join(" ");
	}
	function setShown(element, shown) {
		element.hidden = !shown;
		var inputs = element.querySelectorAll("input, textarea");
		for (var i = 0; i < inputs.length; i++) inputs[i].disabled = !shown;
	}
	function refresh() {
		var answers = {};
		var elements = form.querySelectorAll("[data-relevant], .ks-question");
		for (var i = 0; i < elements.length; i++) {
			var element = elements[i];
			// Inside a hidden group: hidden with it.
			var group = element.parentElement && element.parentElement.closest("fieldset.ks-group[hidden]");
			var shown = !group && holds(element, answers);
			if (element.hasAttribute("data-relevant")) setShown(element, shown);
			if (element.classList.contains("ks-question")) {
				var code = element.getAttribute("data-code");
				answers[code] = shown ? answerOf(element) : "";
				markRequired(element, shown);
			}
		}
	}
	function markRequired(question, shown) {
		if (!question.hasAttribute("data-required")) return;
		var inputs = question.querySelectorAll("input:not([type=checkbox]), textarea");
		for (var i = 0; i < inputs.length; i++) inputs[i].required = shown;
	}
	form.addEventListener("input", refresh);
	form.addEventListener("change", refresh);
	form.addEventListener("submit", function (event) {
		refresh();
		if (!form.checkValidity()) {
			event.preventDefault();
			form.reportValidity();
		}
	});
	form.noValidate = true;
	refresh();
})();
