// Hands-free relief: read each step aloud, count each hold with a visible timer, vibrate
// when a hold ends. Without JavaScript the steps are a plain list with their hold times.
"use strict";

(function () {
  const panel = document.getElementById("handsfree");
  if (!panel) {
    return;
  }
  const words = panel.dataset;
  const steps = Array.from(document.querySelectorAll(".step"));
  const status = document.getElementById("status");
  const startButton = document.getElementById("start");
  const stopButton = document.getElementById("stop");
  const speakBox = document.getElementById("speak");
  const canSpeak = "speechSynthesis" in window && typeof SpeechSynthesisUtterance !== "undefined";
  const lang = document.documentElement.lang || "en";
  // Speech voices are named by region: the page's script tag finds none on some browsers.
  const voiceLang = { "zh-Hans": "zh-CN", "zh-Hant": "zh-TW" }[lang] || lang;
  const REST_S = 5;
  let run = 0; // each start makes a new run; a stop ends the one going on

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  function say(text) {
    status.textContent = text;
    if (canSpeak && speakBox.checked) {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voiceLang;
      window.speechSynthesis.speak(utterance);
    }
  }

  function buzz() {
    if ("vibrate" in navigator) {
      navigator.vibrate([200, 100, 200]);
    }
  }

  function wait(ms, id) {
    return new Promise((resolve, reject) => {
      window.setTimeout(() => (id === run ? resolve() : reject(new Error("stopped"))), ms);
    });
  }

  // Count one hold down on `step`'s timer, a second at a time.
  async function hold(step, seconds, id) {
    const timer = step.querySelector(".timer");
    const shown = timer.querySelector(".seconds");
    const bar = timer.querySelector("progress");
    timer.classList.add("running");
    for (let left = seconds; left > 0; left -= 1) {
      shown.textContent = String(left);
      bar.value = seconds - left;
      await wait(1000, id);
    }
    shown.textContent = "0";
    bar.value = seconds;
    timer.classList.remove("running");
    buzz();
  }

  function holdOf(step) {
    return { seconds: Number(step.dataset.hold) || 0, times: Number(step.dataset.repeat) || 1 };
  }

  async function doStep(step, number, id) {
    steps.forEach((other) => other.classList.toggle("current", other === step));
    // The step's timer (or the step) in mid-screen, below the panel that stays on top.
    const timer = step.querySelector(".timer");
    (timer || step).scrollIntoView({ behavior: "smooth", block: "center" });
    const text = step.querySelector(".step-text").textContent.trim();
    say(fill(words.step, { number: number }) + ". " + text);
    const { seconds, times } = holdOf(step);
    if (!seconds) {
      // Time to read or hear the step: about a third of a second a word, at least 4 s.
      await wait(Math.max(4000, text.split(/\s+/).length * 350), id);
      return;
    }
    await wait(3000, id);
    for (let count = 1; count <= times; count += 1) {
      say(fill(words.hold, { count: count, total: times }));
      await hold(step, seconds, id);
      if (count < times) {
        say(words.rest);
        await wait(REST_S * 1000, id);
      }
    }
  }

  async function start() {
    run += 1;
    const id = run;
    startButton.disabled = true;
    stopButton.disabled = false;
    panel.classList.add("running");
    try {
      for (let index = 0; index < steps.length; index += 1) {
        await doStep(steps[index], index + 1, id);
      }
      say(words.done);
    } catch (stopped) {
      // Stopped by the person: nothing more to do.
    } finally {
      if (id === run) {
        startButton.disabled = false;
        stopButton.disabled = true;
        panel.classList.remove("running");
        steps.forEach((step) => step.classList.remove("current"));
      }
    }
  }

  function stop() {
    run += 1;
    if (canSpeak) {
      window.speechSynthesis.cancel();
    }
    startButton.disabled = false;
    stopButton.disabled = true;
    panel.classList.remove("running");
    document.querySelectorAll(".timer.running").forEach((timer) => timer.classList.remove("running"));
    status.textContent = words.stopped;
  }

  // One step's own timer, for counting a hold without the hands-free run.
  steps.forEach((step) => {
    const timer = step.querySelector(".timer");
    if (!timer) {
      return;
    }
    timer.hidden = false;
    timer.querySelector(".hold-start").addEventListener("click", async (event) => {
      const button = event.currentTarget;
      run += 1;
      const id = run;
      button.disabled = true;
      try {
        await hold(step, holdOf(step).seconds, id);
        status.textContent = words.done;
      } catch (stopped) {
        // Another timer started, or the person stopped.
      } finally {
        button.disabled = false;
      }
    });
  });

  if (!canSpeak) {
    speakBox.checked = false;
    speakBox.disabled = true;
  }
  panel.hidden = false;
  startButton.addEventListener("click", start);
  stopButton.addEventListener("click", stop);
})();
