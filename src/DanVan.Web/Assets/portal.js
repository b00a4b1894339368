// DanVan portal: only what helps — drag-and-drop, an upload progress bar, and the answer shown when it is ready.
// Without this script every form posts normally and the answer page refreshes itself.
(function () {
  'use strict';
  var form = document.querySelector('form[data-upload]');
  if (!form || !window.XMLHttpRequest || !window.FormData) return;
  var input = form.querySelector('input[type=file]');
  var drop = form.querySelector('[data-drop]');
  var bar = document.getElementById('progress');
  var answer = document.getElementById('answer');
  var button = form.querySelector('button[type=submit]');

  if (drop && input) {
    ['dragenter', 'dragover'].forEach(function (t) {
      drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
    });
    ['dragleave', 'drop'].forEach(function (t) {
      drop.addEventListener(t, function () { drop.classList.remove('over'); });
    });
    drop.addEventListener('drop', function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) input.files = e.dataTransfer.files;
    });
  }

  function say(text, css) {
    answer.textContent = '';
    var p = document.createElement('p');
    p.id = 'state';
    p.className = css || '';
    p.textContent = text;
    answer.appendChild(p);
  }

  function poll(url, tries) {
    var xhr = new XMLHttpRequest();
    xhr.open('GET', url + '&manh=1');
    xhr.onload = function () {
      if (xhr.status === 200 || xhr.status === 202) {
        // The server renders the answer (encoded by the framework); the script only places it.
        answer.innerHTML = xhr.responseText;
      }
      if (xhr.status === 202 && tries < 300) {
        setTimeout(function () { poll(url, tries + 1); }, tries < 20 ? 700 : 2000);
      } else {
        button.disabled = false;
      }
    };
    xhr.onerror = function () { setTimeout(function () { poll(url, tries + 1); }, 3000); };
    xhr.send();
  }

  form.addEventListener('submit', function (e) {
    if (!input.files.length) return;
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('Accept', 'application/json');
    bar.hidden = false;
    bar.value = 0;
    button.disabled = true;
    say('Đang gửi tệp…', 'pending');
    xhr.upload.onprogress = function (ev) {
      if (ev.lengthComputable) { bar.value = Math.round(ev.loaded * 100 / ev.total); bar.textContent = bar.value + '%'; }
    };
    xhr.onload = function () {
      var body = {};
      try { body = JSON.parse(xhr.responseText); } catch (ignored) { }
      if (xhr.status === 202 && body.status) {
        bar.value = 100;
        say('Đã nhận tệp, hệ thống đang kiểm tra…', 'pending');
        poll(body.status, 0);
      } else {
        button.disabled = false;
        say(body.error || 'Chưa gửi được báo cáo (mã lỗi ' + xhr.status + '). Vui lòng thử lại.', 'bad');
      }
    };
    xhr.onerror = function () {
      button.disabled = false;
      say('Mất kết nối khi gửi tệp. Vui lòng thử lại.', 'bad');
    };
    xhr.send(new FormData(form));
  });
}());
