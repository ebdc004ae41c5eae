// "Copy" buttons beside references: an enhancement. Without JavaScript the
// buttons stay hidden and the reference text can be selected as usual.
// The reference goes to the clipboard as HTML (so a word processor keeps the
// italics) and as plain text; the button then says, for a few seconds, that it copied.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  var SHOWN_FOR = 4000;

  function copy(source) {
    var text = source.textContent.trim();
    if (window.ClipboardItem && navigator.clipboard.write) {
      var item = new ClipboardItem({
        "text/html": new Blob([source.innerHTML.trim()], { type: "text/html" }),
        "text/plain": new Blob([text], { type: "text/plain" })
      });
      return navigator.clipboard.write([item]).catch(function () {
        return navigator.clipboard.writeText(text);
      });
    }
    return navigator.clipboard.writeText(text);
  }

  document.querySelectorAll(".copy-button").forEach(function (button) {
    var label = button.innerHTML;
    // A reference has its own status line beside it; a page of many fields (the CPD record) shares one.
    var status = button.parentNode.querySelector(".copy-status") || document.querySelector(".copy-status");
    var timer = null;
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(document.getElementById(button.dataset.copyTarget)).then(
        function () {
          button.textContent = "Copied";
          button.classList.add("copied");
          if (status) status.textContent = status.dataset.copied || "Reference copied: paste it where you need it.";
        },
        function () {
          if (status) status.textContent = "Could not copy: please select the text and copy it.";
        }
      ).then(function () {
        clearTimeout(timer);
        timer = setTimeout(function () {
          button.innerHTML = label;
          button.classList.remove("copied");
          if (status) status.textContent = "";
        }, SHOWN_FOR);
      });
    });
  });
})();
