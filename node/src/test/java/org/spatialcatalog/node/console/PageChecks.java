package org.spatialcatalog.node.console;

import java.util.List;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * Accessibility checks run inside the browser on the page it shows, with the styles it really
 * computed: form controls without a label, text below the WCAG AA contrast ratio of 4.5:1, and the
 * keyboard focus ring. Each check answers what fails, described, so an empty list means the page
 * passes.
 */
final class PageChecks {

  /**
   * WCAG 2 relative luminance and contrast, and the background an element is seen on: the
   * backgrounds of its ancestors composited from the page (white) down, so a translucent layer
   * (Leaflet's attribution) counts as what it shows.
   */
  private static final String COLOURS =
      """
      const rgba = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
        const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
      const over = (top, below) => { const a = top[3];
        return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a)).concat([1]); };
      const background = el => { const chain = []; for (let e = el; e; e = e.parentElement) chain.unshift(e);
        let bg = [255, 255, 255, 1];
        chain.forEach(e => { bg = over(rgba(getComputedStyle(e).backgroundColor), bg); }); return bg; };
      const lum = c => { const l = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * l(c[0]) + 0.7152 * l(c[1]) + 0.0722 * l(c[2]); };
      const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
      const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
      """;

  /** Every input, select and textarea (but hidden inputs) needs a label or an ARIA name. */
  private static final String UNLABELLED =
      COLOURS
          + """
          return [...document.querySelectorAll('input, select, textarea')]
            .filter(e => e.type !== 'hidden')
            .filter(e => !(e.labels && [...e.labels].some(l => l.textContent.trim()))
              && !(e.getAttribute('aria-label') || '').trim()
              && !(e.getAttribute('aria-labelledby') || '').split(/\\s+/).some(id => id && document.getElementById(id)
                   && document.getElementById(id).textContent.trim()))
            .map(name);
          """;

  /**
   * Every visible piece of text (an element with a text node of its own) against the background it
   * is seen on; disabled controls (also Leaflet's, marked aria-disabled) are exempt (WCAG 1.4.3),
   * as is text clipped to one pixel for screen readers.
   */
  private static final String LOW_CONTRAST =
      COLOURS
          + """
          const failing = [];
          const seen = document.querySelectorAll('body *');
          seen.forEach(el => {
            if (['SCRIPT', 'STYLE', 'OPTION', 'NOSCRIPT'].includes(el.tagName)) return;
            if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) return;
            const box = el.getBoundingClientRect();
            if (box.width <= 1 || box.height <= 1) return;
            const cs = getComputedStyle(el);
            if (cs.visibility !== 'visible' || el.closest(':disabled, [aria-disabled="true"]')) return;
            const bg = background(el);
            const fg = over(rgba(cs.color), bg);
            const r = ratio(fg, bg);
            if (r < 4.5) failing.push(name(el) + ' "' + el.textContent.trim().slice(0, 30) + '" '
              + cs.color + ' on rgb(' + bg.slice(0, 3).map(Math.round) + ') = ' + r.toFixed(2));
          });
          return failing;
          """;

  /**
   * What keyboard focus shows: the focused element, and a problem when it has no ring the eye can
   * find (the browser's :focus-visible state, an outline of 2 px or more, 3:1 against what is
   * around it: WCAG 1.4.11), or when its own text is below 4.5:1 (unless it is a disabled control,
   * such as Leaflet's zoom-out button at the widest zoom).
   */
  private static final String FOCUS =
      COLOURS
          + """
          const el = document.activeElement;
          if (!el || el === document.body) return ['', 'nothing has the focus'];
          const cs = getComputedStyle(el);
          const around = background(el.parentElement);
          const problems = [];
          if (!el.matches(':focus-visible')) problems.push('not :focus-visible');
          if (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) < 2) problems.push('outline ' + cs.outlineStyle + ' ' + cs.outlineWidth);
          else if (ratio(over(rgba(cs.outlineColor), around), around) < 3) problems.push('outline ' + cs.outlineColor + ' on rgb(' + around.slice(0, 3).map(Math.round) + ')');
          if (el.textContent.trim() && !el.closest('[aria-disabled="true"]') && ratio(over(rgba(cs.color), background(el)), background(el)) < 4.5) problems.push('text ' + cs.color + ' on its background');
          return [name(el), problems.join('; ')];
          """;

  private PageChecks() {}

  /** The form controls of the page that no label names. */
  static List<String> unlabelledControls(WebDriver d) {
    return strings(((JavascriptExecutor) d).executeScript(UNLABELLED));
  }

  /** The texts of the page below 4.5:1 against their background. */
  static List<String> lowContrastTexts(WebDriver d) {
    return strings(((JavascriptExecutor) d).executeScript(LOW_CONTRAST));
  }

  /** [the focused element, what is wrong with its focus ring or text (empty when nothing)]. */
  static List<String> focus(WebDriver d) {
    return strings(((JavascriptExecutor) d).executeScript(FOCUS));
  }

  private static List<String> strings(Object answer) {
    return ((List<?>) answer).stream().map(String::valueOf).toList();
  }
}
