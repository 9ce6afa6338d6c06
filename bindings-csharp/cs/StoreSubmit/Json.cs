using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace StoreSubmit
{
    /// <summary>
    /// A JSON object: an ordered map of names to values (<see cref="JsonObject"/>, <see cref="JsonArray"/>,
    /// <see cref="string"/>, <see cref="long"/>, <see cref="double"/>, <see cref="bool"/> or <c>null</c>).
    /// Every document the library returns is one, so fields the typed models do not name are kept
    /// (GET-modify-PUT loses nothing).
    /// </summary>
    public sealed class JsonObject : IDictionary<string, object>
    {
        private readonly List<string> _order = new List<string>();
        private readonly Dictionary<string, object> _map = new Dictionary<string, object>(StringComparer.Ordinal);

        /// <summary>An empty object.</summary>
        public JsonObject() { }

        /// <summary>The value of a member (null when absent); setting adds or replaces it.</summary>
        public object this[string key]
        {
            get { object v; return _map.TryGetValue(key, out v) ? v : null; }
            set { if (!_map.ContainsKey(key)) _order.Add(key); _map[key] = value; }
        }

        /// <summary>The member names in document order.</summary>
        public ICollection<string> Keys { get { return _order.AsReadOnly(); } }

        /// <summary>The member values in document order.</summary>
        public ICollection<object> Values { get { return _order.ConvertAll(k => _map[k]).AsReadOnly(); } }

        /// <summary>The number of members.</summary>
        public int Count { get { return _order.Count; } }

        /// <summary>Adds a member (replacing one of the same name).</summary>
        public void Add(string key, object value) { this[key] = value; }

        /// <summary>Removes every member.</summary>
        public void Clear() { _order.Clear(); _map.Clear(); }

        /// <summary>Whether the member is present.</summary>
        public bool ContainsKey(string key) { return _map.ContainsKey(key); }

        /// <summary>The members in document order.</summary>
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            foreach (var k in _order) yield return new KeyValuePair<string, object>(k, _map[k]);
        }

        /// <summary>Removes a member.</summary>
        public bool Remove(string key) { return _map.Remove(key) && _order.Remove(key); }

        /// <summary>The member's value, when present.</summary>
        public bool TryGetValue(string key, out object value) { return _map.TryGetValue(key, out value); }

        IEnumerator IEnumerable.GetEnumerator() { return GetEnumerator(); }

        bool ICollection<KeyValuePair<string, object>>.IsReadOnly { get { return false; } }

        void ICollection<KeyValuePair<string, object>>.Add(KeyValuePair<string, object> item) { this[item.Key] = item.Value; }

        bool ICollection<KeyValuePair<string, object>>.Contains(KeyValuePair<string, object> item) { return ((ICollection<KeyValuePair<string, object>>)_map).Contains(item); }

        void ICollection<KeyValuePair<string, object>>.CopyTo(KeyValuePair<string, object>[] array, int i) { foreach (var kv in this) array[i++] = kv; }

        bool ICollection<KeyValuePair<string, object>>.Remove(KeyValuePair<string, object> item) { return ((ICollection<KeyValuePair<string, object>>)_map).Contains(item) && Remove(item.Key); }

        /// <summary>The member as a string (null when absent or not a string).</summary>
        public string GetString(string key) { return this[key] as string; }

        /// <summary>The member as an object (null when absent or not an object).</summary>
        public JsonObject GetObject(string key) { return this[key] as JsonObject; }

        /// <summary>The member as an array (null when absent or not an array).</summary>
        public JsonArray GetArray(string key) { return this[key] as JsonArray; }

        /// <summary>The object as compact JSON text.</summary>
        public override string ToString() { return Json.Serialize(this); }
    }

    /// <summary>A JSON array (a list of JSON values).</summary>
    public sealed class JsonArray : List<object>
    {
        /// <summary>An empty array.</summary>
        public JsonArray() { }

        /// <summary>An array of these values.</summary>
        public JsonArray(IEnumerable<object> items) : base(items) { }

        /// <summary>The array as compact JSON text.</summary>
        public override string ToString() { return Json.Serialize(this); }
    }

    /// <summary>
    /// Reads and writes JSON text (RFC 8259). netstandard2.0 has no JSON library of its own; this one is
    /// small and strict, for the documents the core exchanges (lenient reading of user files is the
    /// core's: <see cref="Offline.ParseJson"/>).
    /// </summary>
    public static class Json
    {
        /// <summary>Parses JSON text into <see cref="JsonObject"/>, <see cref="JsonArray"/>, string, long, double, bool or null.</summary>
        /// <exception cref="FormatException">The text is not JSON.</exception>
        public static object Parse(string text)
        {
            if (text == null) throw new ArgumentNullException("text");
            var p = new Parser(text);
            p.SkipWs();
            var v = p.Value(0);
            p.SkipWs();
            if (p.Pos != text.Length) throw p.Fail("unexpected text after the value");
            return v;
        }

        /// <summary>A value (JSON types, dictionaries, lists, numbers, models) as compact JSON text.</summary>
        public static string Serialize(object value)
        {
            var sb = new StringBuilder();
            Write(sb, value);
            return sb.ToString();
        }

        private static void Write(StringBuilder sb, object v)
        {
            if (v == null) { sb.Append("null"); return; }
            var model = v as JsonModel;
            if (model != null) { Write(sb, model.Json); return; }
            var s = v as string;
            if (s != null) { WriteString(sb, s); return; }
            if (v is bool) { sb.Append((bool)v ? "true" : "false"); return; }
            if (v is double || v is float)
            {
                var d = Convert.ToDouble(v, CultureInfo.InvariantCulture);
                if (double.IsNaN(d) || double.IsInfinity(d)) throw new ArgumentException("JSON has no NaN or infinity");
                sb.Append(d.ToString("R", CultureInfo.InvariantCulture));
                return;
            }
            if (v is decimal) { sb.Append(((decimal)v).ToString(CultureInfo.InvariantCulture)); return; }
            if (v is int || v is long || v is short || v is byte || v is uint || v is ulong || v is ushort || v is sbyte)
            {
                sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture));
                return;
            }
            if (v is Enum) { WriteString(sb, v.ToString()); return; }
            var dict = v as IDictionary;
            var pairs = dict != null
                ? dict.Cast<DictionaryEntry>().Select(e => new KeyValuePair<string, object>(Convert.ToString(e.Key, CultureInfo.InvariantCulture), e.Value))
                : v as IEnumerable<KeyValuePair<string, object>>;
            if (pairs != null) { Join(sb, '{', '}', pairs, (b, e) => { WriteString(b, e.Key); b.Append(':'); Write(b, e.Value); }); return; }
            var list = v as IEnumerable;
            if (list != null) { Join(sb, '[', ']', list.Cast<object>(), Write); return; }
            throw new ArgumentException("cannot write a " + v.GetType().Name + " as JSON");
        }

        private static void Join<T>(StringBuilder sb, char open, char close, IEnumerable<T> items, Action<StringBuilder, T> write)
        {
            sb.Append(open);
            var first = true;
            foreach (var x in items)
            {
                if (!first) sb.Append(',');
                first = false;
                write(sb, x);
            }
            sb.Append(close);
        }

        private static void WriteString(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (var c in s)
            {
                switch (c)
                {
                    case '"': sb.Append("\\\""); break;
                    case '\\': sb.Append("\\\\"); break;
                    case '\n': sb.Append("\\n"); break;
                    case '\r': sb.Append("\\r"); break;
                    case '\t': sb.Append("\\t"); break;
                    case '\b': sb.Append("\\b"); break;
                    case '\f': sb.Append("\\f"); break;
                    default:
                        if (c < 0x20) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else sb.Append(c);
                        break;
                }
            }
            sb.Append('"');
        }

        internal static bool IsNumber(object v)
        {
            return v is long || v is double || v is int || v is float || v is decimal || v is uint || v is ulong || v is short;
        }

        private sealed class Parser
        {
            private readonly string _s;
            public int Pos;

            public Parser(string s) { _s = s; }

            public FormatException Fail(string why)
            {
                return new FormatException("invalid JSON at offset " + Pos + ": " + why);
            }

            public void SkipWs()
            {
                while (Pos < _s.Length && (_s[Pos] == ' ' || _s[Pos] == '\t' || _s[Pos] == '\n' || _s[Pos] == '\r')) Pos++;
            }

            public object Value(int depth)
            {
                if (depth > 256) throw Fail("nested too deeply");
                if (Pos >= _s.Length) throw Fail("unexpected end");
                var c = _s[Pos];
                switch (c)
                {
                    case '{': return Obj(depth);
                    case '[': return Arr(depth);
                    case '"': return Str();
                    case 't': Lit("true"); return true;
                    case 'f': Lit("false"); return false;
                    case 'n': Lit("null"); return null;
                    default:
                        if (c == '-' || (c >= '0' && c <= '9')) return Num();
                        throw Fail("unexpected character '" + c + "'");
                }
            }

            private void Lit(string word)
            {
                if (string.CompareOrdinal(_s, Pos, word, 0, word.Length) != 0) throw Fail("expected " + word);
                Pos += word.Length;
            }

            /// <summary>The items of an object or array up to <paramref name="close"/>, each read by <paramref name="item"/>.</summary>
            private void Seq(char close, Action item)
            {
                Pos++;
                SkipWs();
                if (Pos < _s.Length && _s[Pos] == close) { Pos++; return; }
                while (true)
                {
                    SkipWs();
                    item();
                    SkipWs();
                    if (Pos >= _s.Length) throw Fail("unexpected end before '" + close + "'");
                    if (_s[Pos] == ',') { Pos++; continue; }
                    if (_s[Pos] == close) { Pos++; return; }
                    throw Fail("expected ',' or '" + close + "'");
                }
            }

            private JsonObject Obj(int depth)
            {
                var o = new JsonObject();
                Seq('}', () =>
                {
                    if (Pos >= _s.Length || _s[Pos] != '"') throw Fail("expected a member name");
                    var k = Str();
                    SkipWs();
                    if (Pos >= _s.Length || _s[Pos] != ':') throw Fail("expected ':'");
                    Pos++;
                    SkipWs();
                    o[k] = Value(depth + 1);
                });
                return o;
            }

            private JsonArray Arr(int depth)
            {
                var a = new JsonArray();
                Seq(']', () => a.Add(Value(depth + 1)));
                return a;
            }

            private string Str()
            {
                Pos++;
                var sb = new StringBuilder();
                while (true)
                {
                    if (Pos >= _s.Length) throw Fail("unterminated string");
                    var c = _s[Pos++];
                    if (c == '"') return sb.ToString();
                    if (c < 0x20) throw Fail("control character in a string");
                    if (c != '\\') { sb.Append(c); continue; }
                    if (Pos >= _s.Length) throw Fail("unterminated escape");
                    var e = _s[Pos++];
                    switch (e)
                    {
                        case '"': sb.Append('"'); break;
                        case '\\': sb.Append('\\'); break;
                        case '/': sb.Append('/'); break;
                        case 'b': sb.Append('\b'); break;
                        case 'f': sb.Append('\f'); break;
                        case 'n': sb.Append('\n'); break;
                        case 'r': sb.Append('\r'); break;
                        case 't': sb.Append('\t'); break;
                        case 'u':
                            if (Pos + 4 > _s.Length) throw Fail("short \\u escape");
                            int code;
                            if (!int.TryParse(_s.Substring(Pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out code))
                                throw Fail("bad \\u escape");
                            sb.Append((char)code);
                            Pos += 4;
                            break;
                        default: throw Fail("bad escape");
                    }
                }
            }

            private object Num()
            {
                var start = Pos;
                if (_s[Pos] == '-') Pos++;
                var integral = true;
                while (Pos < _s.Length)
                {
                    var c = _s[Pos];
                    if (c >= '0' && c <= '9') { Pos++; continue; }
                    if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') { integral = false; Pos++; continue; }
                    break;
                }
                var t = _s.Substring(start, Pos - start);
                long l;
                if (integral && long.TryParse(t, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out l)) return l;
                double d;
                if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out d)) return d;
                throw Fail("bad number '" + t + "'");
            }
        }
    }
}
