// A closed store's page: a phone that has a trip in this store (paid, say, before the store closed) goes on
// to the app, which shows that trip's receipt and exit pass; everyone else reads why the store is closed.

const storeId = document.getElementById('closed').dataset.storeId;
const request = storeId && !new URLSearchParams(window.location.search).has('resume') ? indexedDB.open('skanna-shopper', 1) : null;
if (request) {
  request.onupgradeneeded = () => request.result.createObjectStore('kv');
  request.onsuccess = () => {
    const read = request.result.transaction('kv').objectStore('kv').get(`trip:${storeId}`);
    read.onsuccess = () => {
      if (read.result?.tripId) window.location.replace(`/s/${encodeURIComponent(storeId)}?resume=1`);
    };
  };
}
