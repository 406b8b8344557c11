// Fossa's web page: plain JavaScript, no build step, no third-party code, nothing loaded from
// elsewhere. Two views, chosen by the address:
//   #           for a person: a welcome, the questions one at a time, then the result.
//   #clinician  for a clinician: a checklist of findings with the scores, the differential and the
//               work-up updating as items are ticked.
// It talks only to its own server: GET /v1/knowledge once, POST /v1/interview for the next question
// (or, when the server has no interview, the person findings in a fixed order, warning signs first),
// and POST /v1/assess for results. Answers stay in this page; nothing is stored.
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

  // One person's session: their answers (finding id -> value, or null for "I don't know"), the
  // questions answered in order (for Back), and how questions are chosen.
  let person = null;

  function newPerson() {
    return { answers: {}, steps: [], mode: 'interview', previous: {}, order: null };
  }

  function welcomeView() {
    const data = knowledge.data;
    return el('section', { class: 'card welcome' },
      el('h1', { text: 'Pain behind your knee?' }),
      el('p', { class: 'lead', text: 'Fossa asks you a few questions about the pain, then tells you how soon to get care and what may be causing it.' }),
      el('div', { class: 'emergency', role: 'note', 'aria-labelledby': 'emergency-title' },
        el('h2', { id: 'emergency-title', text: 'When to call the emergency number straight away' }),
        el('p', { text: data.emergency_advice })),
      el('ul', { class: 'facts' },
        el('li', { text: 'It takes about two minutes. Most questions are yes or no, and you can always say "I don\'t know".' }),
        el('li', { text: 'Your answers stay on this page and are only used to work out the result. Nothing is stored.' }),
        el('li', { text: data.notice })),
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'button primary large', id: 'start', onclick: startPerson, text: 'Start the questions' })),
      el('p', { class: 'aside' }, 'Are you a clinician? ', el('a', { href: '#clinician', text: 'Open the clinician view' }), '.'));
  }

  function startPerson() {
    person = newPerson();
    nextStep();
  }

  // The fixed order used when the server has no interview: warning-sign questions first (most
  // urgent first), then the person's other questions in the knowledge base's order.
  function fixedOrder() {
    const mine = knowledge.data.findings.filter((f) => f.asked_of === 'person');
    const rank = (f) => (f.red_flag_level ? URGENCY.indexOf(f.red_flag_level) + 1 : 0);
    const flagged = mine.filter((f) => rank(f) > 0).sort((a, b) => rank(b) - rank(a));
    const rest = mine.filter((f) => rank(f) === 0);
    return [...flagged, ...rest].map((f) => f.id);
  }

  function fixedQuestion(id) {
    const finding = knowledge.findings.get(id);
    return {
      id,
      text: finding.question.person,
      why: finding.why,
      red_flag: Boolean(finding.red_flag_level),
      items: [{ finding: id, text: finding.question.person, type: finding.type, unit: finding.unit,
        min: finding.min, max: finding.max, values: finding.values }],
    };
  }

  async function nextStep() {
    show(el('section', { class: 'card', 'aria-busy': 'true' }, el('p', { text: 'Loading the next question…' })));
    try {
      if (person.mode === 'interview') {
        const result = await request('POST', '/v1/interview', { setting: 'patient', evidence: person.answers });
        if (result.status === 404) {
          person.mode = 'fixed';
          person.order = fixedOrder();
          return nextStep();
        }
        if (!result.ok) return show(errorView(problemText(result), nextStep));
        const step = result.data;
        if (step.should_stop || !step.question) return showResult(step.assessment);
        return show(questionView(step.question, step.questions_asked, step.max_questions));
      }
      // Fixed order: stop early once a warning sign calls for an ambulance or the emergency department.
      const last = person.steps[person.steps.length - 1];
      if (last && last.findings.some((id) => person.answers[id] === true && knowledge.findings.get(id).red_flag_level)) {
        const assessment = await assess();
        if (!assessment) return undefined;
        if (URGENCY.indexOf(assessment.disposition.level) >= URGENCY.indexOf('emergency')) return showResult(assessment);
      }
      const id = person.order.find((f) => !(f in person.answers));
      if (!id) {
        const assessment = await assess();
        return assessment && showResult(assessment);
      }
      return show(questionView(fixedQuestion(id), person.steps.length, person.order.length));
    } catch (error) {
      return show(errorView('Fossa could not reach its server. Check the connection and try again.', nextStep));
    }
  }

  async function assess() {
    const result = await request('POST', '/v1/assess', { setting: 'patient', evidence: person.answers });
    if (!result.ok) {
      show(errorView(problemText(result), nextStep));
      return null;
    }
    return result.data;
  }

  function answerStep(findings, values) {
    findings.forEach((id, i) => { person.answers[id] = values[i]; });
    person.steps.push({ findings });
    person.previous = {};
    nextStep();
  }

  function goBack() {
    const step = person.steps.pop();
    if (!step) return welcome();
    person.previous = {};
    for (const id of step.findings) {
      person.previous[id] = person.answers[id];
      delete person.answers[id];
    }
    return nextStep();
  }

  function choiceButtons(name, options, selected) {
    return el('div', { class: 'choices', role: 'radiogroup', 'aria-label': name },
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
    form.append(
      el('p', { class: 'progress-text', id: 'progress-text', text: `Question ${asked + 1}${max ? ` of at most ${progressMax}` : ''}` }),
      el('progress', { value: asked, max: progressMax, 'aria-labelledby': 'progress-text' }),
      question.red_flag ? el('p', { class: 'badge warning', text: 'Checking for warning signs' }) : null,
      el('h1', { id: 'question-text', text: question.text }),
      el('details', { class: 'why' },
        el('summary', { text: 'Why are we asking?' }),
        el('p', { text: `We ask ${question.why}.` })),
      errorBox);

    const unknownButton = (onclick) => el('button', { type: 'button', class: 'button secondary', onclick, text: 'I don\'t know' });
    const backButton = el('button', { type: 'button', class: 'button link', onclick: goBack, text: '← Back' });

    if (single && item.type === 'bool') {
      form.dataset.finding = item.finding;
      const answer = (value) => () => answerStep([item.finding], [value]);
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
        answerStep([item.finding], [value]);
      });
      form.append(el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'button primary', text: 'Next' }),
        unknownButton(() => answerStep([item.finding], [null])), backButton));
      return form;
    }

    if (single && item.type === 'enum') {
      form.dataset.finding = item.finding;
      const options = item.values.map((value) => [value, capitalise(value.replace(/_/g, ' '))]);
      form.append(choiceButtons('answer', options, previous[item.finding]));
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const checked = form.querySelector('input[name="answer"]:checked');
        if (!checked) {
          errorBox.textContent = 'Choose one of the answers, or "I don\'t know".';
          errorBox.hidden = false;
          form.querySelector('input[name="answer"]').focus();
          return;
        }
        answerStep([item.finding], [checked.value]);
      });
      form.append(el('div', { class: 'actions' },
        el('button', { type: 'submit', class: 'button primary', text: 'Next' }),
        unknownButton(() => answerStep([item.finding], [null])), backButton));
      return form;
    }

    // A group of yes/no items: each answered on its own.
    const encode = (value) => (value === true ? 'yes' : value === false ? 'no' : value === null ? 'unknown' : undefined);
    const list = el('div', { class: 'items' });
    items.forEach((entry, index) => {
      const name = `item-${index}`;
      list.append(el('fieldset', { class: 'item', 'data-finding': entry.finding },
        el('legend', { text: entry.text }),
        choiceButtons(name, [['yes', 'Yes'], ['no', 'No'], ['unknown', 'I don\'t know']], encode(previous[entry.finding]))));
    });
    form.append(list);
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const values = [];
      for (let index = 0; index < items.length; index += 1) {
        const checked = form.querySelector(`input[name="item-${index}"]:checked`);
        if (!checked) {
          errorBox.textContent = 'Answer each one (yes, no or "I don\'t know"), or choose "None of these".';
          errorBox.hidden = false;
          form.querySelector(`input[name="item-${index}"]`).focus();
          return;
        }
        values.push(checked.value === 'yes' ? true : checked.value === 'no' ? false : null);
      }
      answerStep(items.map((entry) => entry.finding), values);
    });
    form.append(el('div', { class: 'actions' },
      el('button', { type: 'submit', class: 'button primary', text: 'Next' }),
      el('button', { type: 'button', class: 'button secondary', text: 'None of these',
        onclick: () => answerStep(items.map((entry) => entry.finding), items.map(() => false)) }),
      backButton));
    return form;
  }

  function showResult(assessment) {
    show(resultView(assessment));
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

  function resultView(assessment) {
    const disposition = assessment.disposition;
    const urgent = URGENCY.indexOf(disposition.level) >= URGENCY.indexOf('emergency');
    const likely = assessment.differential.filter((d, i) => i < 3 || d.probability >= 0.2).slice(0, 5);
    const asked = Object.keys(person.answers);

    return el('article', { class: 'result' },
      el('section', { class: `card disposition level-${disposition.level}`, 'aria-labelledby': 'disposition-name' },
        el('p', { class: 'kicker', text: 'What to do' }),
        el('h1', { id: 'disposition-name', 'data-level': disposition.level, text: disposition.name }),
        el('p', { class: 'time-frame' }, el('strong', { text: 'How soon: ' }), disposition.time_frame),
        el('p', { class: 'action', text: disposition.action }),
        urgent ? el('p', { class: 'emergency-inline', text: assessment.emergency_advice }) : null),

      assessment.red_flags.length > 0 && el('section', { class: 'card', 'aria-labelledby': 'warning-title' },
        el('h2', { id: 'warning-title', text: 'Warning signs we found' }),
        el('ul', { class: 'warnings' }, assessment.red_flags.map((flag) => el('li', { text: flag.reason })))),

      el('section', { class: 'card', 'aria-labelledby': 'causes-title' },
        el('h2', { id: 'causes-title', text: 'What may be causing it' }),
        el('p', { class: 'aside', text: 'These are estimates from your answers, not a diagnosis. A clinician who examines you can tell more.' }),
        el('ol', { class: 'causes' }, likely.map((entry) => causeItem(entry, 'patient', assessment.evidence)))),

      assessment.advice.length > 0 && el('section', { class: 'card', 'aria-labelledby': 'advice-title' },
        el('h2', { id: 'advice-title', text: 'What you can do now' }),
        el('ul', { class: 'advice' }, assessment.advice.map((line) => el('li', { text: line })))),

      el('section', { class: 'card answers', 'aria-labelledby': 'answers-title' },
        el('h2', { id: 'answers-title', text: 'Your answers' }),
        asked.length === 0 ? el('p', { text: 'No answers given.' }) :
          el('dl', {}, asked.map((id) => [
            el('dt', { text: knowledge.findings.get(id) ? knowledge.findings.get(id).question.person : id }),
            el('dd', { text: answerText(id, person.answers[id]) })]))),

      el('section', { class: 'card notice' },
        el('p', { text: assessment.notice }),
        el('p', { class: 'aside', text: `Summary made on ${new Date().toLocaleString()} with knowledge base ${assessment.knowledge_base.name} ${assessment.knowledge_base.version}.` })),

      el('div', { class: 'actions no-print' },
        el('button', { type: 'button', class: 'button primary', onclick: () => window.print(), text: 'Print or save this summary' }),
        el('button', { type: 'button', class: 'button secondary', onclick: goBack, text: 'Change my last answer' }),
        el('button', { type: 'button', class: 'button secondary', onclick: startPerson, text: 'Start again' })));
  }

  // One finding that moved a condition, in words that include the answer given: "The calf is
  // swollen compared with the other leg", "Days since the pain started: 3", "... (you said no)".
  function pointerText(id, answer, setting, ratio) {
    const finding = knowledge.findings.get(id);
    const clinicianWords = setting === 'clinician';
    let text = finding ? (clinicianWords ? finding.question.clinician : finding.meaning) : id;
    text = text.replace(/[.?]$/, '');
    if (finding && finding.type !== 'bool' && answer !== undefined && answer !== null) {
      text += `: ${answerText(id, answer)}`;
    } else if (answer === false) {
      text = clinicianWords ? `absent: ${text}` : `${text} (you said no)`;
    }
    return clinicianWords ? `${text} (LR ${ratio})` : text;
  }

  // One condition of the differential with a probability bar and what pointed to it.
  function causeItem(entry, setting, evidence) {
    const condition = knowledge.conditions.get(entry.condition);
    const name = setting === 'clinician' ? entry.name : (condition ? condition.plain_name : entry.name);
    const bar = el('span', { class: 'bar-fill' });
    bar.style.width = `${Math.max(1, Math.round(entry.probability * 100))}%`;
    const raised = Object.entries(entry.raised_by).sort((a, b) => b[1] - a[1]).slice(0, setting === 'clinician' ? 6 : 3);
    const lowered = Object.entries(entry.lowered_by).sort((a, b) => a[1] - b[1]).slice(0, setting === 'clinician' ? 4 : 2);
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
  const clinician = { sequence: 0, timer: null };

  function clinicianView() {
    const data = knowledge.data;
    const scoreOf = new Map();  // finding id -> short score tags
    for (const score of data.scores) {
      const tag = score.id === 'wells_dvt' ? 'Wells' : score.id === 'ottawa_knee' ? 'Ottawa' : score.name;
      for (const item of score.items) {
        for (const id of item.findings) scoreOf.set(id, [...(scoreOf.get(id) || []), tag]);
      }
    }
    const form = el('form', { class: 'checklist', id: 'checklist', 'aria-label': 'Findings' });
    form.append(el('fieldset', { class: 'mode' },
      el('legend', { text: 'Unticked items are' }),
      choiceButtons('unticked', [['unknown', 'Not assessed'], ['absent', 'Absent']], 'unknown')));
    for (const [group, title] of GROUPS) {
      const findings = data.findings.filter((f) => f.group === group);
      const fieldset = el('fieldset', { class: 'group', 'data-group': group }, el('legend', {}, el('h2', { text: title })));
      for (const finding of findings) fieldset.append(findingControl(finding, scoreOf.get(finding.id)));
      form.append(fieldset);
    }
    form.addEventListener('change', scheduleUpdate);
    form.addEventListener('input', scheduleUpdate);
    form.addEventListener('submit', (event) => event.preventDefault());

    const results = el('div', { class: 'results', id: 'results' },
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

  function clinicianEvidence() {
    const form = document.getElementById('checklist');
    const absent = form.querySelector('input[name="unticked"]:checked').value === 'absent';
    const evidence = {};
    for (const control of form.querySelectorAll('[data-finding]')) {
      const id = control.dataset.finding;
      const finding = knowledge.findings.get(id);
      if (finding.type === 'bool') {
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

  async function updateClinician() {
    const sequence = ++clinician.sequence;
    let result;
    try {
      result = await request('POST', '/v1/assess', { setting: 'clinician', evidence: clinicianEvidence() });
    } catch (error) {
      result = { ok: false, status: 0, data: null };
    }
    if (sequence !== clinician.sequence) return;  // a newer request is on its way
    const dispositionNode = document.getElementById('c-disposition');
    if (!dispositionNode) return;  // the view was left
    if (!result.ok) {
      dispositionNode.textContent = result.status ? problemText(result) : 'The server cannot be reached.';
      return;
    }
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
      const verdict = !ottawa.applicable ? 'does not apply (no knee injury within 7 days)'
        : ottawa.xray_indicated === true ? 'positive: X-ray indicated'
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
    document.getElementById('c-workup').replaceChildren(
      ...(assessment.workup.length ? assessment.workup.map((line) => el('li', { text: line })) : [el('li', { text: 'Nothing specific yet.' })]));
  }

  // ---- start -----------------------------------------------------------------------------------

  function welcome() {
    person = null;
    show(welcomeView());
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
      show(clinicianView());
      updateClinician();
    } else {
      welcome();
    }
  }

  window.addEventListener('hashchange', route);
  document.getElementById('home-link').addEventListener('click', (event) => {
    event.preventDefault();
    if (window.location.hash) window.location.hash = '';
    else route();
  });
  document.getElementById('nav-person').addEventListener('click', (event) => {
    event.preventDefault();
    if (window.location.hash) window.location.hash = '';
    else route();
  });
  route().catch(() => show(errorView('Fossa could not start.', route)));
})();
