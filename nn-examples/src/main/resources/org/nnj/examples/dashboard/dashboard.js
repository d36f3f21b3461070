// The NNJ training dashboard: follows the chosen runs' metrics over one server-sent event stream
// (/events?run=a&run=b) and draws them with ECharts. Every line of a run's metrics file arrives as one
// "line" event "NAME<TAB>JSON"; a (re)connected stream sends each run from its first line, so the page
// starts afresh on every "open". window.nnDashboard holds what the page shows, for tests.
(function () {
  'use strict';
  const state = { runs: {}, listed: [], selected: [], connected: false, opens: 0 };
  window.nnDashboard = state;
  const charts = {
    loss: echarts.init(document.getElementById('loss')),
    accuracy: echarts.init(document.getElementById('accuracy')),
    lr: echarts.init(document.getElementById('lr')),
    speed: echarts.init(document.getElementById('speed')),
    gradients: echarts.init(document.getElementById('gradients')),
    confusion: echarts.init(document.getElementById('confusion'))
  };
  let source = null;
  let redrawPending = false;

  function emptyRun() {
    return { start: null, steps: [], stepAccuracy: [], stepLr: [], epochs: [], gradients: [], confusion: null,
      images: null, ended: false };
  }

  function status(text) {
    document.getElementById('status').textContent = text;
  }

  function connect() {
    if (source) {
      source.close();
    }
    state.runs = {};
    state.selected.forEach(name => { state.runs[name] = emptyRun(); });
    const query = state.selected.map(name => 'run=' + encodeURIComponent(name)).join('&');
    source = new EventSource('events' + (query ? '?' + query : ''));
    source.addEventListener('open', () => {
      state.connected = true;
      state.opens++;
      state.selected.forEach(name => { state.runs[name] = emptyRun(); });
      status('live: following ' + (state.selected.length ? state.selected.join(', ') : 'no run'));
      redraw();
    });
    source.addEventListener('error', () => {
      // EventSource tries again by itself; the page says so meanwhile.
      state.connected = false;
      status('connection lost, reconnecting...');
    });
    source.addEventListener('runs', event => showRuns(JSON.parse(event.data)));
    source.addEventListener('line', event => {
      const tab = event.data.indexOf('\t');
      const run = state.runs[event.data.substring(0, tab)];
      let record;
      try {
        record = JSON.parse(event.data.substring(tab + 1));
      } catch (e) {
        return; // not a metrics line: skip it
      }
      if (!run) {
        return;
      }
      if (record.type === 'start') {
        Object.assign(run, emptyRun(), { start: record });
      } else if (record.type === 'step') {
        const x = record.epoch - 1 + record.step / record.steps;
        run.steps.push([x, record.loss]);
        if (record.accuracy !== undefined && record.accuracy !== null) {
          run.stepAccuracy.push([x, record.accuracy]);
        }
        if (record.lr !== undefined && record.lr !== null) {
          run.stepLr.push([x, record.lr]);
        }
      } else if (record.type === 'confusion') {
        run.confusion = record;
      } else if (record.type === 'images') {
        run.images = record;
      } else if (record.type === 'epoch') {
        run.epochs.push(record);
      } else if (record.type === 'grad_norms' && run.start) {
        run.gradients.push([record.epoch - 1 + record.step / run.start.steps_per_epoch, record.values]);
      } else if (record.type === 'end') {
        run.ended = true;
      }
      scheduleRedraw();
    });
  }

  function showRuns(names) {
    state.listed = names;
    const box = document.getElementById('runs');
    box.textContent = '';
    names.forEach(name => {
      const label = document.createElement('label');
      const check = document.createElement('input');
      check.type = 'checkbox';
      check.value = name;
      check.checked = state.selected.includes(name);
      check.dataset.run = name;
      check.addEventListener('change', () => {
        state.selected = Array.from(box.querySelectorAll('input:checked')).map(c => c.value);
        connect();
      });
      label.appendChild(check);
      label.appendChild(document.createTextNode(' ' + name));
      box.appendChild(label);
    });
  }

  function scheduleRedraw() {
    if (!redrawPending) {
      redrawPending = true;
      setTimeout(() => { redrawPending = false; redraw(); }, 250);
    }
  }

  function lineChart(title, yName, series) {
    return {
      title: { text: title, textStyle: { fontSize: 14 } },
      tooltip: { trigger: 'axis' },
      legend: { type: 'scroll', top: 22 },
      grid: { top: 60, left: 60, right: 20, bottom: 40 },
      xAxis: { type: 'value', name: 'epoch', nameLocation: 'middle', nameGap: 25, min: 0 },
      yAxis: { type: 'value', name: yName, scale: true },
      animation: false,
      series: series
    };
  }

  function epochSeries(name, run, field) {
    return {
      name: name, type: 'line', showSymbol: true,
      data: run.epochs.filter(e => e[field] !== null).map(e => [e.epoch, e[field]])
    };
  }

  function redraw() {
    const names = state.selected.filter(name => state.runs[name]);
    const loss = [], accuracy = [], lr = [], speed = [], gradients = [];
    names.forEach(name => {
      const run = state.runs[name];
      loss.push({ name: name + ' loss (per step)', type: 'line', showSymbol: false, data: run.steps });
      loss.push(epochSeries(name + ' loss', run, 'loss'));
      loss.push(epochSeries(name + ' val loss', run, 'val_loss'));
      accuracy.push({ name: name + ' accuracy (per step)', type: 'line', showSymbol: false, data: run.stepAccuracy });
      accuracy.push(epochSeries(name + ' accuracy', run, 'accuracy'));
      accuracy.push(epochSeries(name + ' val accuracy', run, 'val_accuracy'));
      if (run.stepLr.length) {
        lr.push({ name: name + ' (per step)', type: 'line', showSymbol: false, data: run.stepLr });
      } else {
        lr.push(epochSeries(name, run, 'lr'));
      }
      speed.push(epochSeries(name, run, 'samples_per_second'));
      const layers = run.gradients.length ? run.gradients[0][1].length : 0;
      for (let k = 0; k < layers; k++) {
        gradients.push({ name: name + ' layer ' + (k + 1), type: 'line', showSymbol: false,
          data: run.gradients.filter(g => g[1][k] > 0).map(g => [g[0], g[1][k]]) });
      }
    });
    charts.loss.setOption(lineChart('Loss', 'loss', loss), true);
    charts.accuracy.setOption(lineChart('Accuracy', 'accuracy', accuracy), true);
    charts.lr.setOption(lineChart('Learning rate', 'rate', lr), true);
    charts.speed.setOption(lineChart('Training speed', 'images/s', speed), true);
    const gradientChart = lineChart('Gradient norm per layer (weights)', 'L2 norm', gradients);
    gradientChart.yAxis.type = 'log';
    charts.gradients.setOption(gradientChart, true);
    drawConfusion(names.find(name => state.runs[name].confusion));
    showImages(names.find(name => state.runs[name].images));
    const body = document.querySelector('#epochs tbody');
    body.textContent = '';
    names.forEach(name => state.runs[name].epochs.forEach(e => {
      const row = document.createElement('tr');
      row.dataset.run = name;
      row.dataset.epoch = e.epoch;
      [name, e.epoch, fixed(e.loss), fixed(e.accuracy), fixed(e.val_loss), fixed(e.val_accuracy),
        e.lr === null ? '' : String(e.lr), e.samples_per_second === null ? '' : e.samples_per_second.toFixed(0)]
        .forEach(text => {
          const cell = document.createElement('td');
          cell.textContent = text;
          row.appendChild(cell);
        });
      body.appendChild(row);
    }));
  }

  // The last validation's confusion matrix of the first chosen run that has one, as a heat map.
  function drawConfusion(name) {
    const record = name ? state.runs[name].confusion : null;
    const counts = record ? record.counts : [];
    const data = [];
    let max = 1;
    counts.forEach((row, truth) => row.forEach((n, predicted) => {
      data.push([predicted, truth, n]);
      max = Math.max(max, n);
    }));
    const classes = counts.map((row, i) => String(i));
    charts.confusion.setOption({
      title: { text: record ? 'Confusion matrix: ' + name + ', epoch ' + record.epoch : 'Confusion matrix (no validation yet)',
        textStyle: { fontSize: 14 } },
      tooltip: { formatter: p => 'class ' + p.value[1] + ' predicted as ' + p.value[0] + ': ' + p.value[2] },
      grid: { top: 40, left: 60, right: 80, bottom: 40 },
      xAxis: { type: 'category', data: classes, name: 'predicted', nameLocation: 'middle', nameGap: 25 },
      yAxis: { type: 'category', data: classes, name: 'true class', inverse: true },
      visualMap: { min: 0, max: max, calculable: false, orient: 'vertical', right: 5, top: 'middle',
        inRange: { color: ['#ffffff', '#08306b'] } },
      animation: false,
      series: [{ name: 'examples', type: 'heatmap', data: data, label: { show: true, fontSize: 9 } }]
    }, true);
  }

  // A CNN's first-layer filters and feature maps after its last epoch (files the run writes each epoch).
  function showImages(name) {
    const box = document.getElementById('pictures');
    const record = name ? state.runs[name].images : null;
    box.hidden = !record;
    if (!record) {
      return;
    }
    document.getElementById('pictures-title').textContent =
      'First convolution of ' + name + ' after epoch ' + record.epoch;
    ['filters', 'maps'].forEach(kind => {
      const img = document.getElementById(kind);
      const src = 'runs/' + encodeURIComponent(name) + '/' + kind + '.png?epoch=' + record.epoch;
      if (img.getAttribute('src') !== src) {
        img.setAttribute('src', src);
        img.dataset.epoch = record.epoch;
      }
    });
  }

  function fixed(value) {
    return value === null ? '' : value.toFixed(4);
  }

  redraw(); // the empty charts, until the runs arrive
  const asked = new URLSearchParams(window.location.search).getAll('run');
  fetch('api/runs').then(r => r.json()).then(names => {
    state.selected = asked.length ? asked : names.slice();
    showRuns(names);
    connect();
  }).catch(() => status('cannot list the runs'));
  window.addEventListener('resize', () => Object.values(charts).forEach(c => c.resize()));
})();
