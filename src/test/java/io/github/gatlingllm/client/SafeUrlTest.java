package io.github.gatlingllm.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SafeUrlTest {

  @Test
  void plainUrlsAreUnchanged() {
    assertEquals("http://127.0.0.1:8000", SafeUrl.mask("http://127.0.0.1:8000"));
    assertEquals("https://api.example.com/v1/proxy/", SafeUrl.mask("https://api.example.com/v1/proxy/"));
    assertEquals("http://[::1]:9400/metrics", SafeUrl.mask(URI.create("http://[::1]:9400/metrics")));
    assertNull(SafeUrl.mask((String) null));
  }

  @Test
  void userInfoIsMasked() {
    assertEquals("https://***@host:8443/v1", SafeUrl.mask("https://user:s3cret@host:8443/v1"));
    assertEquals("http://***@host", SafeUrl.mask("http://token@host"));
  }

  @Test
  void queryValuesAreMaskedAndNamesKept() {
    assertEquals(
        "https://***@host/path?token=***&api-version=***&***",
        SafeUrl.mask("https://u:p@host/path?token=abc&api-version=2024-01&bare"));
    assertEquals("http://host/m?", SafeUrl.mask("http://host/m?"));
    assertEquals("http://host/m?a=***#***", SafeUrl.mask("http://host/m?a=1#frag"));
  }

  @Test
  void anAtInTheQueryIsNotUserInfo() {
    assertEquals("http://host/p?mail=***", SafeUrl.mask("http://host/p?mail=me@example.com"));
  }

  @Test
  void textThatIsNotAUriHidesEverythingUpToTheLastAt() {
    // a password with an unescaped '/' and '#': not a valid URI, and the whole of it must go
    String masked = SafeUrl.mask("https://user:pa/ss#wd@host:1/x?k=v");
    assertEquals("https://***@host:1/x?k=***", masked);
    String spaces = SafeUrl.mask("http://us er:pw d@host/p?token=se cret");
    assertFalse(spaces.contains("pw") || spaces.contains("cret"), spaces);
    assertEquals("not a url", SafeUrl.mask("not a url"));
  }

  @Test
  void aUrlInsideAQueryValueIsNotTakenForTheScheme() {
    assertEquals("host/p?next=***", SafeUrl.mask("host/p?next=http://u:p@x"));
  }
}
