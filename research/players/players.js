// SRS players page: plays one stream and shows its state. The URL chooses the player: .m3u8
// plays HLS with hls.js (or the browser's own HLS); .flv and .ts, over http(s):// or ws(s)://,
// play live through mpegts.js (MSE). The state is also kept in window.srsPlayer and summarised
// in document.title ("SRS <status> <currentTime>"), which the server's headless-browser tests read.
(function () {
  'use strict';

  var video = document.getElementById('video');
  var form = document.getElementById('pick');
  var streamInput = document.getElementById('stream');
  var urlInput = document.getElementById('url');
  var logList = document.getElementById('log');
  var levelSelect = document.getElementById('level');
  // levels: renditions in the playlist (1 for a media playlist); level: the one playing (-1: none yet).
  var state = { url: '', status: 'idle', currentTime: 0, errors: 0, lastError: '', engine: '', decodedFrames: 0,
    levels: 0, level: -1, rendition: '' };
  var hls = null;
  var mpegtsPlayer = null;
  var retryTimer = null;
  window.srsPlayer = state;

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function log(message, isError) {
    var li = document.createElement('li');
    li.textContent = new Date().toISOString().substring(11, 23) + ' ' + message;
    if (isError) {
      li.className = 'error';
    }
    logList.insertBefore(li, logList.firstChild);
    while (logList.children.length > 200) {
      logList.removeChild(logList.lastChild);
    }
  }

  function bufferedAhead() {
    var t = video.currentTime;
    for (var i = 0; i < video.buffered.length; i++) {
      if (video.buffered.start(i) <= t + 0.1 && t <= video.buffered.end(i)) {
        return video.buffered.end(i) - t;
      }
    }
    return 0;
  }

  function render() {
    state.currentTime = video.currentTime;
    if (video.getVideoPlaybackQuality) {
      state.decodedFrames = video.getVideoPlaybackQuality().totalVideoFrames;
    }
    text('s-url', state.url || '-');
    text('s-status', state.status);
    text('s-time', state.currentTime.toFixed(1) + ' s');
    text('s-buffer', bufferedAhead().toFixed(1) + ' s');
    text('s-video', video.videoWidth ? video.videoWidth + 'x' + video.videoHeight : '-');
    text('s-engine', state.engine || '-');
    text('s-level', state.rendition || '-');
    text('s-errors', state.errors + (state.lastError ? ' (last: ' + state.lastError + ')' : ''));
    document.title = 'SRS ' + state.status + ' ' + state.currentTime.toFixed(1);
  }

  function setStatus(s) {
    if (state.status !== s) {
      state.status = s;
      log('state: ' + s);
    }
    render();
  }

  function fail(message) {
    state.errors++;
    state.lastError = message;
    log(message, true);
    render();
  }

  /**
   * The URL of a stream name on this server: "live/livestream" -> "/live/livestream.m3u8" (HLS);
   * a name ending in .flv, .ts or .m3u8 keeps its extension.
   */
  function urlOf(stream) {
    var s = stream.trim().replace(/^\/+/, '');
    if (!/\.(m3u8|flv|ts)$/.test(s)) {
      s += '.m3u8';
    }
    return '/' + s.split('/').map(encodeURIComponent).join('/');
  }

  /** What plays a URL: 'hls', 'flv' or 'mpegts', from its path's extension (ws:// means FLV unless .ts). */
  function kindOf(url) {
    var path = url.split(/[?#]/)[0].toLowerCase();
    if (/\.ts$/.test(path)) {
      return 'mpegts';
    }
    if (/\.flv$/.test(path) || /^wss?:/.test(path)) {
      return 'flv';
    }
    return 'hls';
  }

  /** mpegts.js wants an absolute URL for WebSocket; relative HTTP URLs are fine as they are. */
  function absolute(url) {
    return new URL(url, location.href).href;
  }

  /** "1280x720, 1200 kbps" for an hls.js level. */
  function describeLevel(l) {
    var size = l.width && l.height ? l.width + 'x' + l.height : 'audio';
    return size + ', ' + Math.round(l.bitrate / 1000) + ' kbps';
  }

  function showLevels(levels) {
    state.levels = levels.length;
    state.level = -1;
    state.rendition = '';
    while (levelSelect.options.length > 1) {
      levelSelect.remove(1);
    }
    levels.forEach(function (l, i) {
      var o = document.createElement('option');
      o.value = String(i);
      o.textContent = describeLevel(l);
      levelSelect.appendChild(o);
    });
    levelSelect.value = '-1';
    levelSelect.hidden = levels.length < 2;
  }

  function stop() {
    if (retryTimer) {
      clearTimeout(retryTimer);
      retryTimer = null;
    }
    if (hls) {
      hls.destroy();
      hls = null;
    }
    if (mpegtsPlayer) {
      mpegtsPlayer.destroy();
      mpegtsPlayer = null;
    }
    video.removeAttribute('src');
    video.load();
    showLevels([]);
  }

  /** A stream that is not published yet (404) or went away: try again a bit later. */
  function retryLater(url) {
    stop();
    setStatus('waiting for stream');
    retryTimer = setTimeout(function () { play(url); }, 2000);
  }

  /** A live FLV or TS stream through mpegts.js: HTTP (fetch, chunked) or WebSocket. */
  function playMpegts(url, type) {
    var mpegts = window.mpegts;
    if (!mpegts || !mpegts.isSupported()) {
      state.engine = 'none';
      fail('this browser cannot play ' + type + ' (no MSE)');
      return;
    }
    state.engine = 'mpegts.js ' + mpegts.version + ' (' + type + (/^wss?:/i.test(url) ? ' over WebSocket' : '') + ')';
    mpegtsPlayer = mpegts.createPlayer({ type: type, isLive: true, url: absolute(url) },
      { enableWorker: false, liveBufferLatencyChasing: true, lazyLoad: false });
    mpegtsPlayer.on(mpegts.Events.ERROR, function (type, detail, info) {
      fail('fatal ' + type + ': ' + detail + (info && info.msg ? ' (' + info.msg + ')' : ''));
      retryLater(url);
    });
    mpegtsPlayer.on(mpegts.Events.LOADING_COMPLETE, function () {
      log('stream ended');
      retryLater(url);
    });
    mpegtsPlayer.on(mpegts.Events.MEDIA_INFO, function (info) {
      log('media: ' + (info.mimeType || '?'));
    });
    mpegtsPlayer.attachMediaElement(video);
    mpegtsPlayer.load();
    var p = mpegtsPlayer.play();
    if (p && p.catch) {
      p.catch(function (err) { fail('play(): ' + err.message); });
    }
  }

  function play(url) {
    stop();
    state.url = url;
    setStatus('loading');
    var kind = kindOf(url);
    if (kind !== 'hls') {
      playMpegts(url, kind);
    } else if (window.Hls && window.Hls.isSupported()) {
      state.engine = 'hls.js ' + window.Hls.version;
      hls = new window.Hls({ liveDurationInfinity: true });
      hls.on(window.Hls.Events.MANIFEST_PARSED, function (e, data) {
        log('playlist: ' + data.levels.length + ' level(s)');
        showLevels(data.levels);
        var p = video.play();
        if (p && p.catch) {
          p.catch(function (err) { fail('play(): ' + err.message); });
        }
      });
      hls.on(window.Hls.Events.LEVEL_SWITCHED, function (e, data) {
        var l = hls.levels[data.level];
        state.level = data.level;
        state.rendition = (l ? describeLevel(l) : 'level ' + data.level)
          + (state.levels > 1 ? ' (' + (data.level + 1) + ' of ' + state.levels + (hls.autoLevelEnabled ? ', auto' : '') + ')' : '');
        log('rendition: ' + state.rendition);
        render();
      });
      hls.on(window.Hls.Events.ERROR, function (e, data) {
        fail((data.fatal ? 'fatal ' : '') + data.type + ': ' + data.details);
        if (!data.fatal) {
          return;
        }
        if (data.type === window.Hls.ErrorTypes.MEDIA_ERROR) {
          hls.recoverMediaError();
        } else {
          retryLater(url);
        }
      });
      hls.loadSource(url);
      hls.attachMedia(video);
    } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
      state.engine = 'native HLS';
      video.src = url;
      video.play();
    } else {
      state.engine = 'none';
      fail('this browser can play neither MSE nor HLS');
    }
  }

  levelSelect.addEventListener('change', function () {
    if (hls) {
      // -1 gives the choice back to hls.js's bandwidth estimate.
      hls.currentLevel = parseInt(levelSelect.value, 10);
    }
  });
  video.addEventListener('playing', function () { setStatus('playing'); });
  video.addEventListener('waiting', function () { setStatus('buffering'); });
  video.addEventListener('pause', function () { if (state.status !== 'idle') { setStatus('paused'); } });
  video.addEventListener('error', function () {
    fail('video: ' + (video.error ? video.error.message || ('code ' + video.error.code) : 'unknown'));
  });
  video.addEventListener('timeupdate', render);
  setInterval(render, 500);

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var url = urlInput.value.trim();
    var query = url ? '?url=' + encodeURIComponent(url) : '?stream=' + encodeURIComponent(streamInput.value.trim());
    history.replaceState(null, '', query);
    play(url || urlOf(streamInput.value));
  });
  document.getElementById('stop').addEventListener('click', function () {
    stop();
    state.url = '';
    setStatus('idle');
  });

  var params = new URLSearchParams(location.search);
  if (params.get('url')) {
    urlInput.value = params.get('url');
    play(params.get('url'));
  } else if (params.get('stream')) {
    streamInput.value = params.get('stream');
    play(urlOf(params.get('stream')));
  }
  render();
})();
