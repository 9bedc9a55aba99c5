package dev.capfleet.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * INI values read as Python's {@code ast.literal_eval} reads them (expectations checked with Python
 * 3.11).
 */
class PythonLiteralTest {
  private static final Object TEXT =
      new Object() {
        @Override
        public String toString() {
          return "<the text itself>";
        }
      };

  static Stream<Arguments> literals() {
    return Stream.of(
        Arguments.of("42", 42L),
        Arguments.of("-7", -7L),
        Arguments.of("+5", 5L),
        Arguments.of("--1", TEXT),
        Arguments.of("-True", TEXT),
        Arguments.of("1_000", 1000L),
        Arguments.of("1__0", TEXT),
        Arguments.of("1_", TEXT),
        Arguments.of("0x1F", 31L),
        Arguments.of("0o17", 15L),
        Arguments.of("0b101", 5L),
        Arguments.of("010", TEXT),
        Arguments.of("00", 0L),
        Arguments.of("0_0", 0L),
        Arguments.of("1.5", 1.5),
        Arguments.of("1e3", 1000.0),
        Arguments.of(".5", 0.5),
        Arguments.of("5.", 5.0),
        Arguments.of("1e-5", 1e-5),
        Arguments.of("1j", TEXT),
        Arguments.of("True", true),
        Arguments.of("False", false),
        Arguments.of("None", null),
        Arguments.of("none", TEXT),
        Arguments.of("'x'", "x"),
        Arguments.of("\"a b\"", "a b"),
        Arguments.of("'''t'''", "t"),
        Arguments.of("r'\\d'", "\\d"),
        Arguments.of("b'by'", "by"),
        Arguments.of("'a' 'b'", "ab"),
        Arguments.of("'a' b'b'", TEXT),
        Arguments.of("f'x'", TEXT),
        Arguments.of("'\\x41\\n'", "A\n"),
        Arguments.of("'\\q'", "\\q"),
        Arguments.of("'\\N{BULLET}'", "\u2022"),
        Arguments.of("[1, 2,]", List.of(1L, 2L)),
        Arguments.of("(1,)", List.of(1L)),
        Arguments.of("()", List.of()),
        Arguments.of("1, 2", List.of(1L, 2L)),
        Arguments.of("[[]]", List.of(List.of())),
        Arguments.of("{}", Map.of()),
        Arguments.of("{'a': 1}", Map.of("a", 1L)),
        Arguments.of("{'a':1,}", Map.of("a", 1L)),
        Arguments.of("{1: 'x'}", Map.of("1", "x")),
        Arguments.of("{1, 2}", List.of(1L, 2L)),
        Arguments.of("set()", List.of()),
        Arguments.of("1+2", TEXT),
        Arguments.of("x", TEXT),
        Arguments.of("[1,", TEXT),
        Arguments.of("8080 # c", 8080L),
        Arguments.of("abc # c", TEXT),
        Arguments.of("-(1)", -1L),
        Arguments.of("-(-1)", TEXT),
        Arguments.of("1 if 1 else 2", TEXT),
        Arguments.of("  7", 7L),
        Arguments.of("\t8", 8L),
        Arguments.of("", TEXT),
        Arguments.of("9999999999999999999999", new BigInteger("9999999999999999999999")),
        Arguments.of("-9223372036854775808", Long.MIN_VALUE));
  }

  @ParameterizedTest
  @MethodSource("literals")
  void readsValuesLikeAstLiteralEval(String text, Object expected) {
    Object value = Values.normalize(PythonLiteral.valueOrText(text));
    assertEquals(expected == TEXT ? text : expected, value, text);
  }

  @Test
  void keepsTupleForGraphOutput() {
    Object value = Values.normalize(PythonLiteral.valueOrText("(1, 'a')"));
    assertInstanceOf(PythonTuple.class, value);
    assertEquals("(1, 'a')", PythonRepr.str(value));
    assertEquals("(1,)", PythonRepr.str(PythonLiteral.valueOrText("(1,)")));
  }

  @Test
  void printsValuesLikePythonStr() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("k", Arrays.asList("it's", null, true, 1e16, 1.0e-5, 2.5));
    assertEquals("{'k': [\"it's\", None, True, 1e+16, 1e-05, 2.5]}", PythonRepr.str(map));
    assertEquals("plain text", PythonRepr.str("plain text"));
    assertEquals("100.0", PythonRepr.floatRepr(100.0));
    assertEquals("inf", PythonRepr.floatRepr(Double.POSITIVE_INFINITY));
  }
}
