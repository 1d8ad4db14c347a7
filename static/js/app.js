// Scroll the WKSBM menu so that the current book is in view on a narrow screen.
document.querySelectorAll(".menu-gulir").forEach((menu) => {
  const aktif = menu.querySelector(".nav-link.active");
  if (aktif && aktif.offsetLeft + aktif.offsetWidth > menu.clientWidth) {
    menu.scrollLeft = aktif.offsetLeft - 16;
  }
});
