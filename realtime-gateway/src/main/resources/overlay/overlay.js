// The OBS overlay page (GET /overlay#key=<overlay key>). Served as a file of its own so that the page's
// Content-Security-Policy can forbid inline script.
(() => {
  // The key travels in the URL fragment, which browsers never send to a server, so no proxy can log it;
  // ?key= still works for overlay URLs copied before, and the fragment wins when both are there.
  const fragment = new URLSearchParams(location.hash.slice(1));
  const query = new URLSearchParams(location.search);
  const option = (name) => (fragment.has(name) ? fragment.get(name) : query.get(name));
  const key = option("key");
  const currency = option("currency") || "USD";
  const alertSeconds = Number(option("alertSeconds") || 7);
  const money = new Intl.NumberFormat(undefined, { style: "currency", currency });
  const $ = (id) => document.getElementById(id);
  const queue = [];
  let showing = false;
  let retryDelay = 1000;
  let stopped = false;
  // The last journal position drawn: sent back as since= after a reconnect, so the gateway replays only what
  // this page missed, and frames at or before it (already drawn) are skipped.
  let lastPosition = null;

  function status(text) {
    $("status").textContent = text;
    $("status").classList.toggle("visible", Boolean(text));
  }

  function text(tag, className, value) {
    const element = document.createElement(tag);
    element.className = className;
    element.textContent = value; // never innerHTML: tip names and messages come from viewers
    return element;
  }

  // Read-out tip messages: one clip at a time, never over each other. A clip whose tip alert still waits its
  // turn plays when that alert shows, and the alert stays up while its clip plays.
  const clips = [];
  const waitingAlerts = new Set();
  let playing = null;
  const maxAlertHoldMs = 60000;

  function showNext() {
    if (showing || queue.length === 0) return;
    showing = true;
    const { tip } = queue.shift();
    waitingAlerts.delete(tip.id);
    const alert = document.createElement("div");
    alert.className = "alert" + (tip.test ? " test" : "");
    alert.dataset.tipId = tip.id || "";
    const who = text("div", "who", (tip.tipperName || "Someone") + " tipped ");
    who.appendChild(text("span", "amount", money.format(tip.amountCents / 100)));
    alert.appendChild(who);
    if (tip.menuItem) alert.appendChild(text("div", "item", "🎁 " + tip.menuItem.title));
    if (tip.message) alert.appendChild(text("div", "message", tip.message));
    $("alerts").appendChild(alert);
    playNextClip();
    const shownAt = Date.now();
    const leave = () => {
      const speaking = (playing && playing.tipId === tip.id) || clips.some((clip) => clip.tipId === tip.id);
      if (speaking && Date.now() - shownAt < maxAlertHoldMs) { setTimeout(leave, 250); return; }
      alert.classList.add("leaving");
      setTimeout(() => { alert.remove(); showing = false; showNext(); }, 600);
    };
    setTimeout(leave, alertSeconds * 1000);
  }

  function queueClip(data) {
    if (!data.audioBase64) return;
    clips.push({ tipId: data.tipId, src: "data:" + (data.format || "audio/mpeg") + ";base64," + data.audioBase64 });
    playNextClip();
  }

  function playNextClip() {
    if (playing) return;
    const index = clips.findIndex((clip) => !waitingAlerts.has(clip.tipId));
    if (index < 0) return;
    const clip = clips.splice(index, 1)[0];
    const audio = new Audio(clip.src);
    playing = { tipId: clip.tipId, audio };
    // What is being said, for styling (and for tests, which cannot hear): the tip's id while its clip plays,
    // and the length of the last clip the browser decoded and played to the end.
    document.body.dataset.speaking = clip.tipId || "";
    const done = () => {
      if (!playing || playing.audio !== audio) return;
      playing = null;
      delete document.body.dataset.speaking;
      playNextClip();
    };
    audio.onended = () => { document.body.dataset.lastClipSeconds = String(audio.duration); done(); };
    audio.onerror = done;
    audio.play().catch(() => { status("Click the overlay once to allow sound"); done(); });
  }

  function skipClip() {
    if (!playing) return;
    playing.audio.pause();
    playing = null;
    delete document.body.dataset.speaking;
    playNextClip();
  }

  // A persona's answer, as a chat bubble that fades after a while; a few at most.
  function showChatReply(reply) {
    const bubble = document.createElement("div");
    bubble.className = "bubble";
    const name = text("div", "persona", reply.personaName || "Bot");
    if (/^#[0-9a-fA-F]{6}$/.test(reply.color || "")) name.style.color = reply.color;
    bubble.appendChild(name);
    bubble.appendChild(text("div", "line", reply.responseText || ""));
    const chat = $("chat");
    chat.appendChild(bubble);
    while (chat.children.length > 3) chat.firstChild.remove();
    setTimeout(() => { bubble.classList.add("leaving"); setTimeout(() => bubble.remove(), 600); }, 8000);
  }

  function showGoal(goal) {
    const panel = $("goal");
    if (goal.removed) { panel.style.display = "none"; return; }
    panel.style.display = "block";
    panel.classList.toggle("completed", Boolean(goal.completed));
    panel.querySelector(".title").textContent = goal.title;
    panel.querySelector(".fill").style.width = Math.min(100, goal.percentage) + "%";
    panel.querySelector(".numbers").textContent =
      money.format(goal.currentCents / 100) + " / " + money.format(goal.targetCents / 100);
  }

  const symbols = { confetti: ["🎉", "🎊", "✨"], hearts: ["❤️", "💖", "💕"], rain: ["💰", "🪙", "💵"], custom: ["⭐"] };
  function animate(type, metadata) {
    const choices = (metadata && Array.isArray(metadata.symbols) && metadata.symbols.length)
      ? metadata.symbols.map(String) : (symbols[type] || symbols.custom);
    const count = Math.min(Number((metadata && metadata.count) || 60), 200);
    for (let i = 0; i < count; i++) {
      const particle = text("div", "particle", choices[i % choices.length]);
      particle.style.left = Math.random() * 100 + "vw";
      particle.style.animationDuration = (2.5 + Math.random() * 2.5) + "s";
      particle.style.animationDelay = Math.random() * 1.5 + "s";
      document.body.appendChild(particle);
      setTimeout(() => particle.remove(), 7000);
    }
  }

  function showSnapshot(data) {
    const goals = (data.goals || []).filter((goal) => !goal.removed);
    const goal = goals.find((candidate) => !candidate.completed) || goals[goals.length - 1];
    if (goal) showGoal(goal); else $("goal").style.display = "none";
  }

  function isNew(frame) {
    if (typeof frame.position !== "number") return true;
    // A snapshot is the state as of its position, even a lower one (the gateway's journal started again).
    if (frame.event !== "snapshot" && lastPosition !== null && frame.position <= lastPosition) return false;
    lastPosition = frame.position;
    return true;
  }

  function handle(frame) {
    if (!isNew(frame)) return;
    const data = frame.data || {};
    switch (frame.event) {
      case "joined_overlay": retryDelay = 1000; status(""); document.body.dataset.joined = "true"; break;
      case "tip_received":
        if (data.tip) waitingAlerts.add(data.tip.id);
        queue.push(data);
        showNext();
        break;
      case "goal_progress": showGoal(data); break;
      case "snapshot": showSnapshot(data); break;
      case "goal_completed": animate("confetti", {}); break;
      case "animation_trigger": animate(data.type, data.metadata); break;
      case "chat_participant_audio": queueClip(data); break;
      case "tts_skipped": skipClip(); break;
      case "chatbot_response": showChatReply(data); break;
      case "error":
        if (data.code === "invalid_overlay_key" || data.code === "overlay_key_revoked") {
          stopped = true;
          status("This overlay link is no longer valid: copy the new one from your dashboard");
        } else if (data.code === "temporarily_unavailable" && current) {
          current.close(); // reconnects with backoff
        }
        break;
    }
  }

  let current = null;

  function connect() {
    if (!key) { status("Overlay link has no key"); return; }
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    // The key goes in join_overlay, never in the socket's URL.
    const socket = new WebSocket(scheme + "//" + location.host + "/streaming/overlay");
    current = socket;
    socket.onopen = () => {
      const data = lastPosition === null ? { overlayKey: key } : { overlayKey: key, since: lastPosition };
      socket.send(JSON.stringify({ event: "join_overlay", data }));
    };
    socket.onmessage = (message) => { try { handle(JSON.parse(message.data)); } catch (e) { /* ignore */ } };
    socket.onclose = () => {
      delete document.body.dataset.joined;
      if (stopped) return;
      status("Reconnecting…");
      setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 30000);
    };
  }

  window.streamingOverlay = { handle }; // lets a test or a preview feed frames
  connect();
})();
