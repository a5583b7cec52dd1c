package io.github.gatlingllm.client;

import java.net.URI;

/**
 * A URL as it may be shown or saved: users put credentials in URLs ({@code https://user:password@gateway/...},
 * {@code ...?api-key=...}), and a URL in a report, a log line or an exception outlives the run. The user info becomes
 * {@code ***}, every query value and the fragment become {@code ***}; scheme, host, port, path and the query's
 * parameter names stay, so the line still says which server was meant. Only ever used for display: the real URL is
 * the one connected to.
 *
 * <p>Works on text that is not a valid URI too (what a parse error has to report), since that text may hold the same
 * secrets.
 */
public final class SafeUrl {
  static final String MASK = "***";

  private SafeUrl() {}

  /** {@code url} with its user info, query values and fragment masked; null stays null. */
  public static String mask(String url) {
    if (url == null) {
      return null;
    }
    int schemeEnd = url.indexOf("://");
    if (schemeEnd >= 0 && firstOf(url, 0, "/?#") < schemeEnd) {
      schemeEnd = -1; // "://" inside a path or query value, not after a scheme
    }
    int authorityStart = schemeEnd < 0 ? 0 : schemeEnd + 3;
    // The user info ends at the last '@' before the query: a password typed with an unescaped '/' or '#' still
    // parses as a URI (with a path or fragment), so only the query, where '@' is common in values, bounds it. Text
    // that does not parse at all is masked up to its last '@': too much rather than too little.
    int at = parses(url) ? url.lastIndexOf('@', firstOf(url, authorityStart, "?") - 1) : url.lastIndexOf('@');
    if (at < authorityStart) {
      at = -1;
    }
    int hostStart = at < 0 ? authorityStart : at + 1;
    int authorityEnd = firstOf(url, hostStart, "/?#");
    int fragment = url.indexOf('#', authorityEnd);
    int queryStart = url.indexOf('?', authorityEnd);
    if (fragment >= 0 && queryStart > fragment) {
      queryStart = -1; // a '?' inside the fragment is part of the fragment
    }
    StringBuilder out = new StringBuilder(url.length() + 8);
    out.append(url, 0, authorityStart);
    if (at >= 0) {
      out.append(MASK).append('@');
    }
    out.append(url, hostStart, authorityEnd);
    int pathEnd = queryStart >= 0 ? queryStart : (fragment >= 0 ? fragment : url.length());
    out.append(url, authorityEnd, Math.max(authorityEnd, pathEnd));
    if (queryStart >= 0) {
      int queryEnd = fragment >= 0 ? fragment : url.length();
      out.append('?');
      maskQuery(url.substring(queryStart + 1, queryEnd), out);
    }
    if (fragment >= 0) {
      out.append('#').append(MASK);
    }
    return out.toString();
  }

  /** {@code uri} masked as {@link #mask(String)} does; null gives null. */
  public static String mask(URI uri) {
    return uri == null ? null : mask(uri.toString());
  }

  /** {@code name=value&flag} becomes {@code name=***&***}: a bare item may be a token on its own. */
  private static void maskQuery(String query, StringBuilder out) {
    if (query.isEmpty()) {
      return;
    }
    String[] items = query.split("&", -1);
    for (int i = 0; i < items.length; i++) {
      if (i > 0) {
        out.append('&');
      }
      String item = items[i];
      int eq = item.indexOf('=');
      if (eq >= 0) {
        out.append(item, 0, eq + 1).append(MASK);
      } else if (!item.isEmpty()) {
        out.append(MASK);
      }
    }
  }

  private static boolean parses(String url) {
    try {
      new URI(url);
      return true;
    } catch (java.net.URISyntaxException e) {
      return false;
    }
  }

  private static int firstOf(String text, int from, String chars) {
    for (int i = from; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return text.length();
  }
}
