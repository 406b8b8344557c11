// Fossa's web page: plain JavaScript, no build step, no third-party code, nothing loaded from
// elsewhere. Two views, chosen by the address:
//   #           for a person: a welcome (where they may first say what is wrong in their own
//               words, and correct what was read from them), the questions one at a time, then
//               the result.
//   #clinician  for a clinician: a checklist of findings with the scores, the differential and the
//               work-up updating as items are ticked.
// It talks only to its own server: GET /v1/knowledge once, POST /v1/parse to read a person's own
// words, POST /v1/interview for each question and the result (the server owns the question order,
// the warning-sign screen and when to stop: the page only asks and shows), and POST /v1/assess for
// the clinician's checklist. A person's words and answers stay in this browser tab (sessionStorage,
// cleared with the tab) so a reload resumes; what was read from their words and each question is
// one entry of the browser's history, so Back goes to the previous step.
'use strict';

(() => {
  // ---- small helpers ----------------------------------------------------------------------------

  // el('p', {class: 'x', onclick: f}, 'text', child) -> element. Text is always set as text, never
  // parsed as HTML.
  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (name === 'class') node.className = value;
      else if (name === 'text') node.textContent = value;
      else if (value === true) node.setAttribute(name, '');
      else node.setAttribute(name, String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function announce(text) {
    const announcer = document.getElementById('announcer');
    announcer.textContent = '';
    // A fresh text node after a tick is announced even when the text repeats.
    setTimeout(() => { announcer.textContent = text; }, 30);
  }

  // Replaces the view and moves the keyboard focus to its heading, so keyboard and screen-reader
  // users start at the top of what changed.
  function show(view) {
    const app = document.getElementById('app');
    app.replaceChildren(view);
    app.hidden = false;
    document.getElementById('static-welcome').hidden = true;
    const heading = app.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
    window.scrollTo(0, 0);
  }

  function capitalise(text) { return text.charAt(0).toUpperCase() + text.slice(1); }
  function percent(probability) {
    const value = probability * 100;
    return value < 1 ? '<1%' : `${Math.round(value)}%`;
  }

  async function request(method, path, body) {
    const options = { method, headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      options.headers['Content-Type'] = 'application/json';
      options.body = JSON.stringify(body);
    }
    const response = await fetch(path, options);
    let data = null;
    try { data = await response.json(); } catch (ignored) { data = null; }
    return { status: response.status, ok: response.ok, data };
  }

  function problemText(result) {
    if (result.data && result.data.detail) return `${result.data.title}: ${result.data.detail}`;
    return `The server answered ${result.status}.`;
  }

  function errorView(message, retry) {
    return el('section', { class: 'card error', role: 'alert' },
      el('h1', { text: 'Something went wrong' }),
      el('p', { text: message }),
      el('p', { text: 'If you are worried about your leg now, do not wait: contact a doctor, nurse or your local urgent advice line.' }),
      retry && el('button', { type: 'button', class: 'button primary', onclick: retry, text: 'Try again' }));
  }

  // ---- the knowledge base ----------------------------------------------------------------------

  const knowledge = { data: null, findings: new Map(), conditions: new Map(), dispositions: new Map() };

  async function loadKnowledge() {
    if (knowledge.data) return true;
    const result = await request('GET', '/v1/knowledge');
    if (!result.ok || !result.data) return false;
    knowledge.data = result.data;
    for (const finding of result.data.findings) knowledge.findings.set(finding.id, finding);
    for (const condition of result.data.conditions) knowledge.conditions.set(condition.id, condition);
    for (const disposition of result.data.dispositions) knowledge.dispositions.set(disposition.id, disposition);
    const kb = result.data.knowledge_base;
    document.getElementById('footer-notice').textContent = result.data.notice;
    document.getElementById('footer-version').textContent = `Knowledge base ${kb.name} ${kb.version} (${kb.hash})`;
    return true;
  }

  // ---- the person's view -----------------------------------------------------------------------

  const URGENCY = ['self_care', 'routine', 'same_day', 'emergency', 'ambulance'];
  const urgent = (level) => URGENCY.indexOf(level) >= URGENCY.indexOf('emergency');

  // One person's session: their answers (finding id -> value, or null for "I don't know"), the
  // questions answered in order ({id, findings, red_flag}) and, when they described the pain in
  // their own words, `words`: {text, read (what POST /v1/parse read), choices (finding id -> 'yes',
  // 'no', 'keep' or 'remove': the person's corrections)}. Kept for the tab (sessionStorage, gone
  // when the tab closes) so that a reload resumes where it was. The server chooses every question
  // and when to stop (POST /v1/interview); the page only asks and shows.
  const STORE = 'fossa-person';
  let person = null;

  function newPerson() { return { answers: {}, steps: [], previous: {}, words: null }; }

  function savePerson() {
    try {
      sessionStorage.setItem(STORE, JSON.stringify({ answers: person.answers, steps: person.steps, words: person.words }));
    } catch (ignored) { /* storage full or disabled: the session still works, without resuming */ }
  }

  function savedPerson() {
    try {
      const saved = JSON.parse(sessionStorage.getItem(STORE) || 'null');
      if (saved && typeof saved.answers === 'object' && Array.isArray(saved.steps)) {
        const words = saved.words && typeof saved.words.text === 'string' && saved.words.read ? saved.words : null;
        return { ...saved, words, previous: {} };
      }
    } catch (ignored) { /* unreadable: start again */ }
    return null;
  }

  function forgetPerson() {
    try { sessionStorage.removeItem(STORE); } catch (ignored) { /* nothing kept */ }
  }

  function setTitle(text) { document.title = `${text} – Fossa: pain behind the knee`; }

  // A tap-to-call link with the server's emergency number.
  function callButton(text) {
    const number = knowledge.data.emergency_number;
    return el('a', { class: 'button call', href: `tel:${number}`, text: text || `Call ${number}` });
  }

  // What to do if a warning sign appears: on every result and on the printout.
  function safetyNet() {
    return el('section', { class: 'emergency safety-net', 'aria-labelledby': 'safety-title' },
      el('h2', { id: 'safety-title', text: 'Call the emergency number straight away if' }),
      el('p', { text: knowledge.data.emergency_advice }),
      el('div', { class: 'actions' }, callButton()));
  }

  // The first screen: when to call the emergency number, then the person's own words (optional)
  // or straight to the questions. `draft` refills the words when they come back to change them;
  // `error` says why their words could not be read.
  function welcomeView(draft, error) {
    const data = knowledge.data;
    const words = el('textarea', { id: 'words', name: 'words', rows: 5, maxlength: WORDS_LIMIT, spellcheck: 'true',
      autocomplete: 'off', 'aria-describedby': error ? 'words-hint words-error' : 'words-hint', 'aria-invalid': error ? 'true' : false });
    words.value = draft || '';
    const form = el('form', { class: 'own-words', 'aria-labelledby': 'words-title', novalidate: true },
      el('h2', { id: 'words-title', text: 'Tell us in your own words (optional)' }),
      el('label', { for: 'words', text: 'What is happening with your knee or leg?' }),
      el('p', { class: 'hint', id: 'words-hint', text: 'For example: where it hurts and since when, whether your calf is swollen, red or warm, any injury or long journey, and anything that worries you. In English. You can also skip this: the questions ask everything.' }),
      error ? el('p', { class: 'field-error', id: 'words-error', role: 'alert', text: error }) : null,
      words,
      el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'button primary large', id: 'read-words', text: 'Continue' }),
        el('button', { type: 'button', class: 'button secondary', id: 'start', onclick: startPerson, text: 'Skip and start the questions' })));
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      readWords(words.value);
    });
    return el('section', { class: 'card welcome' },
      el('h1', { text: 'Pain behind your knee?' }),
      el('p', { class: 'lead', text: 'Fossa asks you a few questions about the pain, then tells you how soon to get care and what may be causing it.' }),
      el('div', { class: 'emergency', role: 'note', 'aria-labelledby': 'emergency-title' },
        el('h2', { id: 'emergency-title', text: 'When to call the emergency number straight away' }),
        el('p', { text: data.emergency_advice }),
        el('div', { class: 'actions' }, callButton())),
      el('ul', { class: 'facts' },
        el('li', { text: 'It takes about two minutes. The first questions check for warning signs; you can always say "I don\'t know".' }),
        el('li', { text: 'Your words and answers stay in this browser tab and are only used to work out the result. Nothing is stored on the server.' }),
        el('li', { text: data.notice })),
      form,
      el('p', { class: 'aside' }, 'Are you a clinician? ', el('a', { href: '#clinician', text: 'Open the clinician view' }), '.'));
  }

  function startPerson() {
    person = newPerson();
    forgetPerson();
    nextStep();
  }

  // ---- the person's own words ------------------------------------------------------------------

  // The server reads at most this many characters (POST /v1/parse).
  const WORDS_LIMIT = 20000;

  // Today's date where the person is, as YYYY-MM-DD, so that "since Tuesday" becomes days.
  function today() {
    const now = new Date();
    const two = (n) => String(n).padStart(2, '0');
    return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
  }

  // Reads the person's words (POST /v1/parse) and shows what was understood, to correct.
  async function readWords(text) {
    show(el('section', { class: 'card', 'aria-busy': 'true' }, el('p', { text: 'Reading what you wrote…' })));
    let result;
    try {
      result = await request('POST', '/v1/parse', { text, setting: 'patient', today: today() });
    } catch (error) {
      return show(errorView('Fossa could not reach its server. Check the connection and try again.', () => readWords(text)));
    }
    if (result.status === 422 || result.status === 413) {
      // Too long, or not text: say so beside the words, which stay to be changed.
      return welcome(text, `We could not read this: ${result.data && result.data.detail ? result.data.detail : 'the text was refused'}. Shorten or change it, or skip it.`);
    }
    if (!result.ok || !result.data) return show(errorView(problemText(result), () => readWords(text)));
    person = newPerson();
    person.words = { text, read: result.data, choices: defaultChoices(result.data) };
    savePerson();
    window.history.pushState({ fossa: 'words' }, '');
    return showWords();
  }

  // Every finding read starts as read: a yes/no finding as 'yes' or 'no', a number or a choice as
  // 'keep'.
  function defaultChoices(read) {
    const choices = {};
    for (const [id, value] of Object.entries(read.evidence)) {
      choices[id] = value === true ? 'yes' : value === false ? 'no' : 'keep';
    }
    return choices;
  }

  // The findings read from the person's words as they corrected them: finding id -> value.
  function wordsEvidence(words) {
    const evidence = {};
    if (!words) return evidence;
    for (const [id, value] of Object.entries(words.read.evidence)) {
      const choice = words.choices[id];
      if (choice === 'remove' || !knowledge.findings.has(id)) continue;
      evidence[id] = choice === 'yes' ? true : choice === 'no' ? false : value;
    }
    return evidence;
  }

  // The words sent with each interview step, so that the server asks first what they mentioned
  // only as possible (`to_confirm`). What the person removed is blanked out, so it is not read
  // again; everything else read is sent as evidence too, which wins over the words.
  function wordsForInterview(words) {
    if (!words || words.text.trim() === '') return null;
    const removed = new Set(Object.keys(words.choices).filter((id) => words.choices[id] === 'remove'));
    if (removed.size === 0) return words.text;
    const characters = Array.from(words.text);  // mention spans count Unicode code points
    for (const mention of words.read.mentions) {
      if (!removed.has(mention.finding)) continue;
      for (let i = mention.start; i < mention.end && i < characters.length; i += 1) characters[i] = ' ';
    }
    return characters.join('');
  }

  // All the person has told: their corrected words beneath the answers to questions.
  function allEvidence() {
    return { ...wordsEvidence(person.words), ...person.answers };
  }

  function showWords() {
    setTitle('What we understood');
    show(wordsView());
  }

  // What was read from the person's words, as a short list to correct: each finding with the
  // words it came from, answered yes / no / remove (a number or a choice: right / remove). What
  // was mentioned only as possible is listed apart: the questions ask it first.
  function wordsView() {
    const words = person.words;
    const read = words.read;
    const items = Object.entries(read.evidence).filter(([id]) => knowledge.findings.has(id));
    const possible = read.to_confirm.filter((id) => knowledge.findings.has(id));
    const notes = read.notes || [];
    const form = el('form', { class: 'card words', id: 'words-form', novalidate: true });
    form.append(el('h1', { text: 'What we understood' }));
    if (notes.length > 0) {
      form.append(el('div', { class: 'notes', role: 'note', 'aria-labelledby': 'notes-title' },
        el('h2', { id: 'notes-title', text: 'About what you wrote' }),
        el('ul', {}, notes.map((note) => el('li', { 'data-note': note.id, text: note.text })))));
    }
    if (items.length === 0 && possible.length === 0) {
      form.append(el('p', { class: 'lead', id: 'nothing-read', text: 'We could not pick out anything from what you wrote, so the questions will ask about the pain instead.' }));
    }
    if (items.length > 0) {
      const list = el('div', { class: 'items said' });
      for (const [id, value] of items) list.append(saidItem(id, value, words));
      form.append(
        el('h2', { id: 'said-title', text: 'You said' }),
        el('p', { class: 'hint', text: 'Check each one. Change an answer we got wrong, or remove it if you did not mean it. The questions will not ask these again.' }),
        list);
    }
    if (possible.length > 0) {
      form.append(el('section', { class: 'possible', 'aria-labelledby': 'possible-title' },
        el('h2', { id: 'possible-title', text: 'You may have mentioned' }),
        el('p', { class: 'hint', text: 'We are not sure about these, so the questions ask about them first:' }),
        el('ul', { class: 'to-confirm' }, possible.map((id) => el('li', { 'data-finding': id, text: capitalise(knowledge.findings.get(id).label) })))));
    }
    form.addEventListener('change', () => {
      for (const [id] of items) {
        const checked = form.querySelector(`input[name="said-${id}"]:checked`);
        if (checked) words.choices[id] = checked.value;
      }
      savePerson();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      nextStep();
    });
    form.append(el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'button primary large', text: 'Continue' }),
      el('button', { type: 'button', class: 'button link', onclick: () => window.history.back(), text: '← Change what I wrote' })));
    return form;
  }

  // The words a finding was read from. A negated phrase comes with up to three words before it in
  // its clause, so the negation shows: "I haven't injured it", not "injured it".
  function mentionWords(text, mention) {
    const characters = Array.from(text);  // mention spans count Unicode code points
    const phrase = characters.slice(mention.start, mention.end).join('');
    if (!mention.negated) return phrase;
    const clause = characters.slice(0, mention.start).join('').split(/[.!?;,:\n]/).pop();
    const before = clause.trim().split(/\s+/).filter(Boolean);
    const kept = before.slice(-3);
    return `${kept.length < before.length ? '…' : ''}${kept.join(' ')}${kept.length ? ' ' : ''}${phrase}`;
  }

  // One finding read from the words: "Calf swelling (you wrote "my calf is swollen")", Yes / No /
  // Remove.
  function saidItem(id, value, words) {
    const finding = knowledge.findings.get(id);
    const mention = words.read.mentions.find((m) => m.finding === id && m.used) || words.read.mentions.find((m) => m.finding === id);
    const legendId = `said-legend-${id}`;
    const yesNo = finding.type === 'bool';
    const options = yesNo ? [['yes', 'Yes'], ['no', 'No'], ['remove', 'Remove']] : [['keep', 'Right'], ['remove', 'Remove']];
    return el('fieldset', { class: 'item', 'data-finding': id },
      el('legend', { id: legendId },
        el('span', { class: 'said-label', text: capitalise(yesNo ? finding.label : labelText(id, value)) }),
        mention ? el('span', { class: 'said-words', text: ` (you wrote “${mentionWords(words.text, mention)}”)` }) : null),
      choiceButtons(`said-${id}`, options, words.choices[id], legendId));
  }

  // ---- the interview ---------------------------------------------------------------------------

  // Shows the step the answers call for. Each question is one entry of the browser's history, so
  // Back goes to the previous question; `fromHistory` when that is how we got here.
  async function nextStep(fromHistory) {
    show(el('section', { class: 'card', 'aria-busy': 'true' }, el('p', { text: 'Loading the next question…' })));
    const body = { setting: 'patient', evidence: allEvidence() };
    const text = wordsForInterview(person.words);
    if (text !== null) body.text = text;
    let result;
    try {
      result = await request('POST', '/v1/interview', body);
    } catch (error) {
      return show(errorView('Fossa could not reach its server. Check the connection and try again.', () => nextStep(true)));
    }
    if (!result.ok) return show(errorView(problemText(result), () => nextStep(true)));
    const step = result.data;
    const stepNumber = person.steps.length;
    if (!fromHistory) {
      const state = { fossa: step.question ? 'question' : 'result', step: stepNumber };
      const current = window.history.state;
      if (current && current.fossa && current.step === stepNumber) window.history.replaceState(state, '');
      else window.history.pushState(state, '');
    }
    if (step.should_stop || !step.question) return showResult(step);
    // The server counts the questions the words already answered; the person counts the ones they
    // were asked.
    const answeredByWords = Math.max(0, step.questions_asked - stepNumber);
    setTitle(`Question ${stepNumber + 1}`);
    return show(questionView(step.question, stepNumber, step.max_questions && step.max_questions - answeredByWords));
  }

  function answerStep(question, values) {
    question.items.forEach((item, i) => { person.answers[item.finding] = values[i]; });
    person.steps.push({ id: question.id, findings: question.items.map((item) => item.finding), red_flag: question.red_flag });
    person.previous = {};
    savePerson();
    nextStep();
  }

  // Back to step `count`: the answers of later steps are taken back (and offered again).
  function rewindTo(count) {
    person.previous = {};
    while (person.steps.length > count) {
      const step = person.steps.pop();
      for (const id of step.findings) {
        person.previous[id] = person.answers[id];
        delete person.answers[id];
      }
    }
    savePerson();
  }

  // The page's Back button is the browser's. Before the first question: what was read from their
  // words, or the welcome.
  function goBack() {
    if (person.steps.length === 0 && !person.words) return welcome();
    window.history.back();
    return undefined;
  }

  window.addEventListener('popstate', (event) => {
    const state = event.state;
    if (window.location.hash === '#clinician') return undefined;
    if (!state || !state.fossa) {
      const draft = person && person.words ? person.words.text : '';
      if (person) forgetPerson();
      return welcome(draft);
    }
    if (!person) person = savedPerson() || newPerson();
    if (state.fossa === 'words') {
      if (!person.words) return welcome();
      rewindTo(0);
      return showWords();
    }
    rewindTo(Math.min(state.step, person.steps.length));
    return nextStep(true);
  });

  function choiceButtons(name, options, selected, labelledBy) {
    return el('div', { class: 'choices', role: 'radiogroup', 'aria-labelledby': labelledBy },
      options.map(([value, label]) => el('label', { class: 'choice' },
        el('input', { type: 'radio', name, value, checked: selected === value }),
        el('span', { text: label }))));
  }

  // One question: a yes/no question answers with one click; a number, a choice or a group of
  // yes/no items has a Next button. Every question can be answered "I don't know".
  function questionView(question, asked, max) {
    const items = question.items;
    const single = items.length === 1;
    const item = items[0];
    const previous = person.previous;
    const form = el('form', { class: 'card question', 'data-question': question.id, novalidate: true });
    const errorBox = el('p', { class: 'field-error', id: 'question-error', role: 'alert', hidden: true });
    const progressMax = Math.max(max || 0, asked + 1);
    form.append(...[
      el('p', { class: 'progress-text', id: 'progress-text', text: `Question ${asked + 1}${max ? ` of at most ${progressMax}` : ''}` }),
      el('progress', { value: asked, max: progressMax, 'aria-labelledby': 'progress-text' }),
      question.red_flag ? el('p', { class: 'badge warning', text: 'Checking for warning signs' }) : null,
      el('h1', { id: 'question-text', text: question.text }),
      el('details', { class: 'why' },
        el('summary', { text: 'Why are we asking?' }),
        el('p', { text: `We ask ${question.why}.` })),
      errorBox].filter(Boolean));

    const unknownButton = (onclick) => el('button', { type: 'button', class: 'button secondary', onclick, text: 'I don\'t know' });
    const backButton = el('button', { type: 'button', class: 'button link', onclick: goBack, text: '← Back' });

    if (single && item.type === 'bool') {
      form.dataset.finding = item.finding;
      const answer = (value) => () => answerStep(question, [value]);
      form.append(el('div', { class: 'actions answer-row' },
        el('button', { type: 'button', class: 'button primary', onclick: answer(true), text: 'Yes' }),
        el('button', { type: 'button', class: 'button primary', onclick: answer(false), text: 'No' }),
        unknownButton(answer(null))),
        el('div', { class: 'actions' }, backButton));
      form.addEventListener('submit', (event) => event.preventDefault());
      return form;
    }

    if (single && item.type === 'number') {
      form.dataset.finding = item.finding;
      const input = el('input', { type: 'number', id: 'answer', name: 'answer', inputmode: 'decimal', min: item.min, max: item.max,
        step: 'any', required: true, 'aria-describedby': 'answer-unit question-error', 'aria-labelledby': 'question-text',
        value: typeof previous[item.finding] === 'number' ? previous[item.finding] : undefined });
      form.append(el('div', { class: 'number-field' }, input, el('span', { id: 'answer-unit', text: item.unit || '' })));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const value = Number(input.value);
        if (input.value === '' || !Number.isFinite(value) || value < item.min || value > item.max) {
          errorBox.textContent = `Enter a number from ${item.min} to ${item.max}${item.unit ? ` ${item.unit}` : ''}, or choose "I don't know".`;
          errorBox.hidden = false;
          input.setAttribute('aria-invalid', 'true');
          input.focus();
          return;
        }
        answerStep(question, [value]);
      });
      form.append(el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'button primary', text: 'Next' }),
        unknownButton(() => answerStep(question, [null])), backButton));
      return form;
    }

    if (single && item.type === 'enum') {
      form.dataset.finding = item.finding;
      const options = item.values.map((value) => [value, capitalise(value.replace(/_/g, ' '))]);
      form.append(choiceButtons('answer', options, previous[item.finding], 'question-text'));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const checked = form.querySelector('input[name="answer"]:checked');
        if (!checked) {
          errorBox.textContent = 'Choose one of the answers, or "I don\'t know".';
          errorBox.hidden = false;
          form.querySelector('input[name="answer"]').focus();
          return;
        }
        answerStep(question, [checked.value]);
      });
      form.append(el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'button primary', text: 'Next' }),
        unknownButton(() => answerStep(question, [null])), backButton));
      return form;
    }

    // A group of yes/no items: each answered on its own, each group of answers named by its item.
    const encode = (value) => (value === true ? 'yes' : value === false ? 'no' : value === null ? 'unknown' : undefined);
    const list = el('div', { class: 'items' });
    items.forEach((entry) => {
      const legendId = `legend-${entry.finding}`;
      list.append(el('fieldset', { class: 'item', 'data-finding': entry.finding },
        el('legend', { id: legendId, text: entry.text }),
        choiceButtons(entry.finding, [['yes', 'Yes'], ['no', 'No'], ['unknown', 'I don\'t know']], encode(previous[entry.finding]), legendId)));
    });
    form.append(list);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = [];
      for (const entry of items) {
        const checked = form.querySelector(`input[name="${entry.finding}"]:checked`);
        if (!checked) {
          errorBox.textContent = 'Answer each one (yes, no or "I don\'t know"), or choose "None of these".';
          errorBox.hidden = false;
          form.querySelector(`input[name="${entry.finding}"]`).focus();
          return;
        }
        values.push(checked.value === 'yes' ? true : checked.value === 'no' ? false : null);
      }
      answerStep(question, values);
    });
    form.append(el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'button primary', text: 'Next' }),
      el('button', { type: 'button', class: 'button secondary', text: 'None of these',
        onclick: () => answerStep(question, items.map(() => false)) }),
      backButton));
    return form;
  }

  function showResult(step) {
    const assessment = step.assessment;
    setTitle(`Result: ${assessment.disposition.name}`);
    show(resultView(step));
    announce(`Result: ${assessment.disposition.name}`);
  }

  function answerText(id, value) {
    const finding = knowledge.findings.get(id);
    if (value === null || value === undefined) return 'I don\'t know';
    if (value === true) return 'Yes';
    if (value === false) return 'No';
    if (finding && finding.unit) return `${value} ${finding.unit}`;
    return capitalise(String(value).replace(/_/g, ' '));
  }

  // The words for what was answered: the finding's label, or label_absent for "no"; {} is the value.
  function labelText(id, value) {
    const finding = knowledge.findings.get(id);
    if (!finding) return id;
    if (finding.type === 'bool') return value === false ? finding.label_absent : finding.label;
    return finding.label.replace('{}', String(value).replace(/_/g, ' '));
  }

  // The result. The action comes first; on an ambulance result it comes alone (with the warning
  // signs that call for it and the safety net), so nothing distracts from calling.
  function resultView(step) {
    const assessment = step.assessment;
    const disposition = assessment.disposition;
    const level = disposition.level;
    const flags = assessment.red_flags.filter((flag) => level !== 'ambulance' || flag.disposition === 'ambulance');
    const incomplete = !assessment.screen_complete;

    const actionCard = el('section', { class: `card disposition level-${level}`, 'aria-labelledby': 'disposition-name' },
      el('p', { class: 'kicker', text: 'What to do' }),
      el('h1', { id: 'disposition-name', 'data-level': level, text: disposition.name }),
      el('p', { class: 'time-frame' }, el('strong', { text: 'How soon: ' }), disposition.time_frame),
      el('p', { class: 'action', text: disposition.action }),
      urgent(level) ? el('div', { class: 'actions' }, callButton(`Call ${knowledge.data.emergency_number} now`)) : null);

    const unchecked = incomplete && el('section', { class: 'card notice-incomplete', role: 'alert', 'aria-labelledby': 'incomplete-title' },
      el('h2', { id: 'incomplete-title', text: 'Not every warning sign was checked' }),
      el('p', { text: 'This result may be less urgent than it should be. If any of these is true, get help now:' }),
      el('ul', {}, assessment.screen_unasked.map((id) => el('li', { text: knowledge.findings.get(id)?.question.person || id }))));

    const warnings = flags.length > 0 && el('section', { class: 'card', 'aria-labelledby': 'warning-title' },
      el('h2', { id: 'warning-title', text: 'Warning signs we found' }),
      el('ul', { class: 'warnings' }, flags.map((flag) => el('li', { text: flag.reason }))));

    if (level === 'ambulance') {
      return el('article', { class: 'result' }, actionCard, unchecked, warnings, safetyNet(), resultActions());
    }

    const likely = assessment.differential.filter((d, i) => i < 3 || d.probability >= 0.2).slice(0, 5);
    const uncertain = step.causes_settled === false && step.causes_unsettled_by;
    return el('article', { class: 'result' },
      actionCard,
      unchecked,
      warnings,
      safetyNet(),
      el('section', { class: 'card', 'aria-labelledby': 'causes-title' },
        el('h2', { id: 'causes-title', text: 'What may be causing it' }),
        el('p', { class: 'aside', text: 'These are estimates from your answers, not a diagnosis. A clinician who examines you can tell more.' }),
        uncertain ? el('p', { class: 'uncertain', text: `The order of these causes is uncertain: the answer to "${step.causes_unsettled_by.text}" could change it. A clinician will ask about it.` }) : null,
        el('ol', { class: 'causes' }, likely.map((entry) => causeItem(entry, 'patient', assessment.evidence)))),
      assessment.pathways.length > 0 && el('section', { class: 'card', 'aria-labelledby': 'next-title' },
        el('h2', { id: 'next-title', text: 'What will probably happen when you are seen' }),
        el('ul', { class: 'next-steps' }, assessment.pathways.map((entry) => el('li', { 'data-pathway': entry.id, text: entry.text })))),
      treatmentSection(assessment),
      assessment.advice.length > 0 && el('section', { class: 'card', 'aria-labelledby': 'advice-title' },
        el('h2', { id: 'advice-title', text: 'What you can do now' }),
        el('ul', { class: 'advice' }, assessment.advice.map((line) => el('li', { text: line })))),
      clinicianSummary(assessment),
      el('section', { class: 'card notice' },
        el('p', { text: assessment.notice }),
        el('p', { class: 'aside', text: `Summary made on ${new Date().toLocaleString()} with knowledge base ${assessment.knowledge_base.name} ${assessment.knowledge_base.version}.` })),
      resultActions());
  }

  // How the leading cause is treated, in plain words, when it is likely enough to say so.
  function treatmentSection(assessment) {
    const top = assessment.differential[0];
    if (!top || !top.treatment || top.treatment.person.length === 0) return null;
    const condition = knowledge.conditions.get(top.condition);
    return el('section', { class: 'card', 'aria-labelledby': 'treatment-title' },
      el('h2', { id: 'treatment-title', text: `If it is ${condition ? condition.plain_name.charAt(0).toLowerCase() + condition.plain_name.slice(1) : top.name}` }),
      el('p', { class: 'aside', text: 'How it is usually treated, and what to expect. The clinician who sees you will confirm what it is first.' }),
      el('ul', { class: 'treatment' }, top.treatment.person.map((line) => el('li', { text: line }))));
  }

  function resultActions() {
    return el('div', { class: 'actions no-print' },
      el('button', { type: 'button', class: 'button primary', onclick: () => window.print(), text: 'Print or save this summary' }),
      el('button', { type: 'button', class: 'button secondary', onclick: goBack, text: 'Change my last answer' }),
      el('button', { type: 'button', class: 'button secondary', onclick: startPerson, text: 'Start again' }));
  }

  // One page for the clinician the person will see: the answers, the warning signs checked, the
  // Wells items known, and the suggested work-up. Open on screen and in print.
  function clinicianSummary(assessment) {
    const checked = [];
    for (const step of person.steps) {
      if (!step.red_flag) continue;
      for (const id of step.findings) checked.push([id, person.answers[id]]);
    }
    const wells = assessment.scores.wells_dvt;
    const known = wells ? wells.items.filter((item) => !item.unknown) : [];
    const answers = allEvidence();
    const ownWords = person.words && person.words.text.trim();
    return el('section', { class: 'card clinician-summary', 'aria-labelledby': 'summary-title' },
      el('h2', { id: 'summary-title', text: 'For the clinician who sees you' }),
      el('p', { class: 'aside', text: 'Show this page, or print it or save it as a PDF from your browser.' }),
      ownWords ? el('h3', { text: 'In their own words' }) : null,
      ownWords ? el('blockquote', { class: 'own-words-quote', text: ownWords }) : null,
      el('h3', { text: 'Answers' }),
      Object.keys(answers).length === 0 ? el('p', { text: 'No answers given.' }) :
        el('dl', { class: 'answers' }, Object.keys(answers).map((id) => [
          el('dt', { text: knowledge.findings.get(id) ? knowledge.findings.get(id).question.clinician : id }),
          el('dd', { text: answerText(id, answers[id]) })])),
      el('h3', { text: 'Warning signs checked' }),
      checked.length === 0 ? el('p', { text: 'None.' }) :
        el('ul', {}, checked.map(([id, value]) => el('li', { text: value === null ? `${labelText(id, true)}: not known` : labelText(id, value) }))),
      wells ? el('h3', { text: `Wells score: ${wells.points} (${wells.category}), items known` }) : null,
      wells ? el('ul', {}, known.length === 0 ? el('li', { text: 'None known from the answers.' }) :
        known.map((item) => el('li', { text: `${item.label}: ${item.met ? 'yes' : 'no'}` }))) : null,
      el('h3', { text: 'Suggested work-up' }),
      assessment.workup.length === 0 ? el('p', { text: 'Nothing specific.' }) :
        el('ul', {}, assessment.workup.map((line) => el('li', { text: line }))));
  }

  // One finding that moved a condition, in words that say what was answered: "calf swelling",
  // "no injury", "age 62"; for a clinician with its likelihood ratio.
  function pointerText(id, answer, setting, ratio) {
    const text = labelText(id, answer === undefined ? true : answer);
    return setting === 'clinician' ? `${text} (LR ${ratio})` : text;
  }

  // One condition of the differential with a probability bar and what pointed to it.
  function causeItem(entry, setting, evidence) {
    const condition = knowledge.conditions.get(entry.condition);
    const name = setting === 'clinician' ? entry.name : (condition ? condition.plain_name : entry.name);
    const bar = el('span', { class: 'bar-fill' });
    bar.style.width = `${Math.max(1, Math.round(entry.probability * 100))}%`;
    const raised = Object.entries(entry.raised_by || {}).sort((a, b) => b[1] - a[1]).slice(0, setting === 'clinician' ? 6 : 3);
    const lowered = Object.entries(entry.lowered_by || {}).sort((a, b) => a[1] - b[1]).slice(0, setting === 'clinician' ? 4 : 2);
    const words = ([id, ratio]) => pointerText(id, (evidence || {})[id], setting, ratio);
    const clinicianWords = setting === 'clinician';
    return el('li', { class: 'cause', 'data-condition': entry.condition },
      el('div', { class: 'cause-head' },
        el('span', { class: 'cause-name', text: name }),
        el('span', { class: 'cause-probability', text: percent(entry.probability) }),
        entry.suspected && clinicianWords ? el('span', { class: 'badge', text: 'suspected' }) : null),
      el('span', { class: 'bar', 'aria-hidden': 'true' }, bar),
      raised.length > 0 && el('p', { class: 'pointers' }, el('strong', { text: clinicianWords ? 'For: ' : 'What pointed to it: ' }),
        raised.map(words).join('; ')),
      lowered.length > 0 && el('p', { class: 'pointers' }, el('strong', { text: clinicianWords ? 'Against: ' : 'What made it less likely: ' }),
        lowered.map(words).join('; ')));
  }

  // ---- the clinician's view --------------------------------------------------------------------

  const GROUPS = [['history', 'History'], ['examination', 'Examination'], ['risk_factor', 'Risk factors']];
  // Test results (findings of group investigation), shown by kind of test: layout only.
  const TEST_KINDS = [
    ['Blood tests', (id) => /^(d_dimer|crp|white_cell|serum_urate)/.test(id)],
    ['Joint fluid', (id) => id.startsWith('synovial')],
    ['Ultrasound and vessels', (id) => /^(ultrasound|imaging_popliteal|imaging_arterial|imaging_dynamic|abi)/.test(id)],
    ['Radiographs, MRI and other tests', () => true],
  ];
  const clinician = { sequence: 0, timer: null };

  function clinicianView() {
    const data = knowledge.data;
    const scoreOf = new Map();  // finding id -> short score tags
    const scored = [];          // the findings the scores read, in the scores' order
    for (const score of data.scores) {
      const tag = score.id === 'wells_dvt' ? 'Wells' : score.id === 'ottawa_knee' ? 'Ottawa' : score.name;
      for (const item of score.items) {
        for (const id of item.findings) {
          scoreOf.set(id, [...(scoreOf.get(id) || []), tag]);
          if (!scored.includes(id)) scored.push(id);
        }
      }
    }
    const form = el('form', { class: 'checklist', id: 'checklist', 'aria-label': 'Findings' });
    form.append(el('fieldset', { class: 'mode' },
      el('legend', { id: 'unticked-legend', text: 'Unticked items are' }),
      choiceButtons('unticked', [['unknown', 'Not assessed'], ['absent', 'Absent']], 'unknown', 'unticked-legend')));
    // The Wells and Ottawa items together at the top, then the other findings by group.
    const scoreFields = el('fieldset', { class: 'group', 'data-group': 'scores' },
      el('legend', {}, el('h2', { text: 'Wells score and Ottawa knee rule' })));
    for (const id of scored) scoreFields.append(findingControl(knowledge.findings.get(id), scoreOf.get(id)));
    form.append(scoreFields);
    for (const [group, title] of GROUPS) {
      const findings = data.findings.filter((f) => f.group === group && !scored.includes(f.id));
      const fieldset = el('fieldset', { class: 'group', 'data-group': group }, el('legend', {}, el('h2', { text: title })));
      for (const finding of findings) fieldset.append(findingControl(finding, scoreOf.get(finding.id)));
      form.append(fieldset);
    }
    // Test results: each not done, positive or negative; they move the differential and the pathway step.
    const tests = el('fieldset', { class: 'group', 'data-group': 'investigation' }, el('legend', {}, el('h2', { text: 'Test results' })));
    const placed = new Set();
    for (const [kind, matches] of TEST_KINDS) {
      const findings = data.findings.filter((f) => f.group === 'investigation' && !placed.has(f.id) && matches(f.id));
      if (findings.length === 0) continue;
      tests.append(el('h3', { class: 'test-kind', text: kind }));
      for (const finding of findings) {
        placed.add(finding.id);
        tests.append(testControl(finding));
      }
    }
    form.append(tests);
    form.addEventListener('change', scheduleUpdate);
    form.addEventListener('input', scheduleUpdate);
    form.addEventListener('submit', (event) => event.preventDefault());

    const results = el('div', { class: 'results', id: 'results', role: 'region', 'aria-label': 'Results', tabindex: '0' },
      el('p', { class: 'field-error', id: 'c-error', role: 'alert', hidden: true }),
      el('section', { class: 'card', 'aria-labelledby': 'c-disposition-title' },
        el('h2', { id: 'c-disposition-title', text: 'Disposition' }),
        el('p', { class: 'c-disposition', id: 'c-disposition', text: '…' }),
        el('ul', { class: 'warnings', id: 'c-red-flags' })),
      el('section', { class: 'card', 'aria-labelledby': 'c-scores-title' },
        el('h2', { id: 'c-scores-title', text: 'Scores' }),
        el('div', { id: 'c-scores', 'aria-live': 'polite' })),
      el('section', { class: 'card', 'aria-labelledby': 'c-differential-title' },
        el('h2', { id: 'c-differential-title', text: 'Differential' }),
        el('ol', { class: 'causes', id: 'c-differential' })),
      el('section', { class: 'card', 'aria-labelledby': 'c-pathways-title' },
        el('h2', { id: 'c-pathways-title', text: 'Pathway: the step that applies now' }),
        el('ul', { class: 'pathways', id: 'c-pathways' })),
      el('section', { class: 'card', 'aria-labelledby': 'c-workup-title' },
        el('h2', { id: 'c-workup-title', text: 'Work-up' }),
        el('ol', { class: 'workup', id: 'c-workup' })));

    const summary = el('div', { class: 'summary-bar' },
      el('span', { id: 'c-summary', text: '…' }),
      el('button', { type: 'button', class: 'button', text: 'Show results',
        onclick: () => { const heading = document.getElementById('c-disposition-title'); heading.setAttribute('tabindex', '-1'); heading.focus(); heading.scrollIntoView(); } }));
    const view = el('div', { class: 'clinician' },
      el('div', { class: 'card intro' },
        el('h1', { text: 'Clinician view' }),
        el('p', { text: 'Tick what you find. The Wells score, the Ottawa knee rule, the differential and the work-up update as you go.' }),
        el('button', { type: 'button', class: 'button secondary', onclick: () => { form.reset(); scheduleUpdate(); }, text: 'Clear all' })),
      el('div', { class: 'columns' }, el('div', {}, form, summary), results));
    return view;
  }

  function findingControl(finding, tags) {
    const id = `f-${finding.id}`;
    const label = finding.question.clinician;
    const tagList = (tags || []).filter((tag) => !label.includes(`(${tag})`)).map((tag) => el('span', { class: 'tag', text: tag }));
    if (finding.type === 'bool') {
      return el('div', { class: 'check' },
        el('input', { type: 'checkbox', id, name: finding.id, 'data-finding': finding.id }),
        el('label', { for: id, text: label }), tagList);
    }
    if (finding.type === 'number') {
      return el('div', { class: 'field' },
        el('label', { for: id, text: `${label}` }), tagList,
        el('input', { type: 'number', id, name: finding.id, 'data-finding': finding.id, min: finding.min, max: finding.max, step: 'any', inputmode: 'decimal' }));
    }
    return el('div', { class: 'field' },
      el('label', { for: id, text: label }), tagList,
      el('select', { id, name: finding.id, 'data-finding': finding.id },
        el('option', { value: '', text: 'Not assessed' }),
        finding.values.map((value) => el('option', { value, text: capitalise(value.replace(/_/g, ' ')) }))));
  }

  // A test result: not done, positive or negative.
  function testControl(finding) {
    const id = `f-${finding.id}`;
    return el('div', { class: 'field' },
      el('label', { for: id, text: finding.question.clinician }),
      el('select', { id, name: finding.id, 'data-finding': finding.id, 'data-test': 'true' },
        el('option', { value: '', text: 'Not done' }),
        el('option', { value: 'true', text: 'Positive' }),
        el('option', { value: 'false', text: 'Negative' })));
  }

  function clinicianEvidence() {
    const form = document.getElementById('checklist');
    const absent = form.querySelector('input[name="unticked"]:checked').value === 'absent';
    const evidence = {};
    for (const control of form.querySelectorAll('[data-finding]')) {
      const id = control.dataset.finding;
      const finding = knowledge.findings.get(id);
      if (control.dataset.test) {
        if (control.value) evidence[id] = control.value === 'true';
      } else if (finding.type === 'bool') {
        if (control.checked) evidence[id] = true;
        else if (absent) evidence[id] = false;
      } else if (finding.type === 'number') {
        const value = Number(control.value);
        const valid = control.value !== '' && Number.isFinite(value) && value >= finding.min && value <= finding.max;
        control.setAttribute('aria-invalid', control.value !== '' && !valid ? 'true' : 'false');
        if (valid) evidence[id] = value;
      } else if (control.value) {
        evidence[id] = control.value;
      }
    }
    return evidence;
  }

  function scheduleUpdate() {
    clearTimeout(clinician.timer);
    clinician.timer = setTimeout(updateClinician, 120);
  }

  // Empties the results and says why: nothing entered yet, or the server could not answer. No
  // stale score stays on screen.
  function clinicianPlaceholder(message, error) {
    const errorNode = document.getElementById('c-error');
    errorNode.hidden = !error;
    errorNode.textContent = error || '';
    const node = document.getElementById('c-disposition');
    node.className = 'c-disposition';
    delete node.dataset.level;
    node.textContent = message;
    document.getElementById('c-red-flags').replaceChildren();
    document.getElementById('c-pathways').replaceChildren();
    document.getElementById('c-scores').replaceChildren(el('p', { text: message }));
    document.getElementById('c-differential').replaceChildren();
    document.getElementById('c-workup').replaceChildren();
    document.getElementById('c-summary').textContent = message;
  }

  async function updateClinician() {
    const sequence = ++clinician.sequence;
    const evidence = clinicianEvidence();
    if (!document.getElementById('c-disposition')) return;  // the view was left
    if (Object.keys(evidence).length === 0) {
      clinicianPlaceholder('Enter findings to see the scores, the differential and the disposition.');
      return;
    }
    let result;
    try {
      // Every condition explained: the view lists six and the suspected ones, the default explains five.
      result = await request('POST', '/v1/assess?explain=all', { setting: 'clinician', evidence });
    } catch (error) {
      result = { ok: false, status: 0, data: null };
    }
    if (sequence !== clinician.sequence) return;  // a newer request is on its way
    if (!document.getElementById('c-disposition')) return;
    if (!result.ok) {
      clinicianPlaceholder('No result.', result.status ? problemText(result)
        : 'The server cannot be reached: the results are cleared until it answers again. Check the connection.');
      return;
    }
    document.getElementById('c-error').hidden = true;
    renderClinicianResults(result.data);
  }

  function renderClinicianResults(assessment) {
    const disposition = assessment.disposition;
    const node = document.getElementById('c-disposition');
    node.className = `c-disposition level-${disposition.level}`;
    node.dataset.level = disposition.level;
    node.textContent = `${disposition.name} (${disposition.time_frame})`;
    document.getElementById('c-red-flags').replaceChildren(
      ...assessment.red_flags.map((flag) => el('li', { text: flag.reason_clinician })));

    const scores = document.getElementById('c-scores');
    const parts = [];
    const wells = assessment.scores.wells_dvt;
    if (wells) {
      const met = wells.items.filter((item) => item.met);
      parts.push(el('div', { class: 'score', id: 'wells' },
        el('h3', { text: wells.name }),
        el('p', { class: 'score-line' },
          el('span', { class: 'score-points', id: 'wells-points', text: String(wells.points) }),
          el('span', { text: ` points: DVT ${wells.category}` }),
          el('span', { class: 'aside', text: ` (Wells 1997: ${wells.points_1997}, ${wells.tier_1997} probability)` })),
        el('ul', { class: 'score-items' }, met.length === 0 ? el('li', { text: 'No item ticked yet.' }) :
          met.map((item) => el('li', { text: `${item.label} (${item.points > 0 ? '+' : ''}${item.points})` })))));
    }
    const ottawa = assessment.scores.ottawa_knee;
    if (ottawa) {
      const met = ottawa.criteria.filter((c) => c.met).map((c) => c.label);
      const verdict = !ottawa.applicable ? 'does not apply (no knee injury within 7 days)'
        : ottawa.xray_indicated === true ? `positive: X-ray indicated (${met.join('; ')})`
          : ottawa.xray_indicated === false ? 'negative: no X-ray needed for fracture' : 'incomplete: some criteria not assessed';
      parts.push(el('div', { class: 'score', id: 'ottawa' },
        el('h3', { text: ottawa.name }),
        el('p', { class: 'score-line', id: 'ottawa-result', text: capitalise(verdict) }),
        ottawa.applicable && ottawa.unknown.length > 0 ? el('p', { class: 'aside', text: `Not assessed: ${ottawa.criteria.filter((c) => c.unknown).map((c) => c.label).join('; ')}` }) : null));
    }
    scores.replaceChildren(...parts);
    document.getElementById('c-summary').textContent =
      `${wells ? `Wells ${wells.points} (${wells.category}) · ` : ''}${disposition.name}`;
    if (wells) announce(`Wells score ${wells.points}, DVT ${wells.category}. ${disposition.name}.`);

    document.getElementById('c-differential').replaceChildren(
      ...assessment.differential.filter((d, i) => i < 6 || d.suspected).map((entry) => causeItem(entry, 'clinician', assessment.evidence)));
    document.getElementById('c-pathways').replaceChildren(
      ...(assessment.pathways.length ? assessment.pathways.map((entry) => el('li', { 'data-pathway': entry.id, 'data-step': entry.next_step },
        el('strong', { text: `${entry.name}: ` }), entry.text_clinician)) : [el('li', { text: 'No pathway applies yet.' })]));
    document.getElementById('c-workup').replaceChildren(
      ...(assessment.workup.length ? assessment.workup.map((line) => el('li', { text: line })) : [el('li', { text: 'Nothing specific yet.' })]));
  }

  // ---- start -----------------------------------------------------------------------------------

  // The welcome; `draft` and `error` as welcomeView.
  function welcome(draft, error) {
    person = null;
    setTitle('Pain behind your knee?');
    show(welcomeView(typeof draft === 'string' ? draft : '', error));
    if (error) document.getElementById('words').focus();
  }

  // The person's page after a load or reload: an interview kept for this tab resumes at the step
  // the browser's history is on (what was read from their words, a question or the result);
  // otherwise the welcome.
  function resumeOrWelcome() {
    const saved = savedPerson();
    const state = window.history.state;
    if (!saved || !state || !state.fossa || (state.fossa === 'words' && !saved.words)) {
      forgetPerson();
      return welcome();
    }
    person = saved;
    if (state.fossa === 'words') {
      rewindTo(0);
      return showWords();
    }
    rewindTo(Math.min(state.step, person.steps.length));
    return nextStep(true);
  }

  async function route() {
    if (!(await loadKnowledge())) {
      show(errorView('Fossa could not load what it knows from its server.', route));
      return;
    }
    const clinicianPage = window.location.hash === '#clinician';
    const current = (id, on) => {
      const link = document.getElementById(id);
      if (on) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    };
    current('nav-person', !clinicianPage);
    current('nav-clinician', clinicianPage);
    if (clinicianPage) {
      setTitle('Clinician view');
      show(clinicianView());
      updateClinician();
    } else {
      resumeOrWelcome();
    }
  }

  function goHome(event) {
    event.preventDefault();
    forgetPerson();
    if (window.location.hash) {
      window.location.hash = '';
    } else {
      window.history.pushState(null, '');
      welcome();
    }
  }

  window.addEventListener('hashchange', route);
  document.getElementById('home-link').addEventListener('click', goHome);
  document.getElementById('nav-person').addEventListener('click', goHome);
  // The summary for the clinician prints in full.
  window.addEventListener('beforeprint', () => {
    for (const node of document.querySelectorAll('details')) node.open = true;
  });
  route().catch(() => show(errorView('Fossa could not start.', route)));
})();
