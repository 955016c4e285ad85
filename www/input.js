// Where the input comes from, for the page and the widget: typing or pasting in a textarea,
// opening a file, or dropping a file or text. Calls onSource(source, why) with
// source = { text } for text, or { bytes, name, text } for a file (text: its UTF-8 reading for
// display, null when too big to show). Paste, drop and open act at once; typing waits a moment.

export const SHOW_LIMIT = 2 * 1024 * 1024; // files bigger than this are not shown in the textarea
const TYPING_DELAY = 150;

export async function readFile(file) {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // (UTF-16 with its byte-order mark, as Windows Notepad saves text, is shown as the core reads it)
  const bom = (a, b) => bytes[0] === a && bytes[1] === b;
  const utf16 = bom(0xff, 0xfe) ? 'utf-16le' : bom(0xfe, 0xff) ? 'utf-16be' : '';
  const text = bytes.byteLength <= SHOW_LIMIT ? new TextDecoder(utf16 || 'utf-8', { ignoreBOM: !utf16 }).decode(bytes) : null;
  return { bytes, name: file.name, text };
}

/**
 * wireInput({ textarea, fileInput, dropTarget, onSource, onError }) -> { setText(text) }
 * dropTarget: element that takes drops (the textarea when omitted).
 */
export function wireInput({ textarea, fileInput, dropTarget, onSource, onError }) {
  let timer = 0;
  const fire = (source, why) => {
    clearTimeout(timer);
    onSource(source, why);
  };

  textarea.addEventListener('input', (ev) => {
    const now = ev.inputType === 'insertFromPaste' || ev.inputType === 'insertFromDrop';
    clearTimeout(timer);
    if (now) fire({ text: textarea.value }, 'paste');
    else timer = setTimeout(() => fire({ text: textarea.value }, 'typing'), TYPING_DELAY);
  });

  async function openFile(file) {
    try {
      const source = await readFile(file);
      textarea.value = source.text === null ? '' : source.text;
      fire(source, 'file');
    } catch (e) {
      onError(`Could not read ${file.name}: ${e.message || e}`);
    }
  }

  if (fileInput) {
    fileInput.addEventListener('change', () => {
      if (fileInput.files && fileInput.files[0]) openFile(fileInput.files[0]);
      fileInput.value = '';
    });
  }

  const target = dropTarget || textarea;
  target.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    target.classList.add('bd-dragging');
  });
  target.addEventListener('dragleave', () => target.classList.remove('bd-dragging'));
  target.addEventListener('drop', (ev) => {
    ev.preventDefault();
    target.classList.remove('bd-dragging');
    const dt = ev.dataTransfer;
    if (dt && dt.files && dt.files.length) openFile(dt.files[0]);
    else if (dt && dt.getData('text/plain')) {
      textarea.value = dt.getData('text/plain');
      fire({ text: textarea.value }, 'drop');
    }
  });

  return {
    setText(text, why = 'set') {
      textarea.value = text;
      fire({ text }, why);
    },
  };
}
