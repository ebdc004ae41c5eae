// "Copy" buttons beside references: an enhancement. Without JavaScript the
// buttons stay hidden and the reference text can be selected as usual.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  var status = document.querySelector(".copy-status");
  document.querySelectorAll(".copy-button").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var source = document.getElementById(button.dataset.copyTarget);
      navigator.clipboard.writeText(source.textContent.trim()).then(
        function () { if (status) status.textContent = status.dataset.copied || "Reference copied to the clipboard."; },
        function () { if (status) status.textContent = "Could not copy: please select the text and copy it."; }
      );
    });
  });
})();
