using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
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

        /// <summary>Always false.</summary>
        public bool IsReadOnly { get { return false; } }

        /// <summary>Adds a member (replacing one of the same name).</summary>
        public void Add(string key, object value) { this[key] = value; }

        /// <summary>Adds a member (replacing one of the same name).</summary>
        public void Add(KeyValuePair<string, object> item) { this[item.Key] = item.Value; }

        /// <summary>Removes every member.</summary>
        public void Clear() { _order.Clear(); _map.Clear(); }

        /// <summary>Whether the member is present with this value.</summary>
        public bool Contains(KeyValuePair<string, object> item)
        {
            object v;
            return _map.TryGetValue(item.Key, out v) && Equals(v, item.Value);
        }

        /// <summary>Whether the member is present.</summary>
        public bool ContainsKey(string key) { return _map.ContainsKey(key); }

        /// <summary>Copies the members to an array.</summary>
        public void CopyTo(KeyValuePair<string, object>[] array, int arrayIndex)
        {
            foreach (var kv in this) array[arrayIndex++] = kv;
        }

        /// <summary>The members in document order.</summary>
        public IEnumerator<KeyValuePair<string, object>> GetEnumerator()
        {
            foreach (var k in _order) yield return new KeyValuePair<string, object>(k, _map[k]);
        }

        /// <summary>Removes a member.</summary>
        public bool Remove(string key) { return _map.Remove(key) && _order.Remove(key); }

        /// <summary>Removes a member.</summary>
        public bool Remove(KeyValuePair<string, object> item) { return Contains(item) && Remove(item.Key); }

        /// <summary>The member's value, when present.</summary>
        public bool TryGetValue(string key, out object value) { return _map.TryGetValue(key, out value); }

        IEnumerator IEnumerable.GetEnumerator() { return GetEnumerator(); }

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
            if (dict != null)
            {
                sb.Append('{');
                var first = true;
                foreach (DictionaryEntry e in dict)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, Convert.ToString(e.Key, CultureInfo.InvariantCulture));
                    sb.Append(':');
                    Write(sb, e.Value);
                }
                sb.Append('}');
                return;
            }
            var gdict = v as IEnumerable<KeyValuePair<string, object>>;
            if (gdict != null)
            {
                sb.Append('{');
                var first = true;
                foreach (var e in gdict)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    WriteString(sb, e.Key);
                    sb.Append(':');
                    Write(sb, e.Value);
                }
                sb.Append('}');
                return;
            }
            var list = v as IEnumerable;
            if (list != null)
            {
                sb.Append('[');
                var first = true;
                foreach (var item in list)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    Write(sb, item);
                }
                sb.Append(']');
                return;
            }
            throw new ArgumentException("cannot write a " + v.GetType().Name + " as JSON");
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

        /// <summary>Whether two JSON values are equal (objects compared as maps, numbers by value).</summary>
        public static bool DeepEquals(object a, object b)
        {
            if (a is JsonModel) a = ((JsonModel)a).Json;
            if (b is JsonModel) b = ((JsonModel)b).Json;
            if (a == null || b == null) return a == null && b == null;
            if (IsNumber(a) && IsNumber(b))
                return Convert.ToDouble(a, CultureInfo.InvariantCulture) == Convert.ToDouble(b, CultureInfo.InvariantCulture);
            var oa = a as JsonObject;
            var ob = b as JsonObject;
            if (oa != null || ob != null)
            {
                if (oa == null || ob == null || oa.Count != ob.Count) return false;
                foreach (var kv in oa)
                {
                    object other;
                    if (!ob.TryGetValue(kv.Key, out other) || !DeepEquals(kv.Value, other)) return false;
                }
                return true;
            }
            var la = a as JsonArray;
            var lb = b as JsonArray;
            if (la != null || lb != null)
            {
                if (la == null || lb == null || la.Count != lb.Count) return false;
                for (var i = 0; i < la.Count; i++) if (!DeepEquals(la[i], lb[i])) return false;
                return true;
            }
            return a.Equals(b);
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

            private JsonObject Obj(int depth)
            {
                var o = new JsonObject();
                Pos++;
                SkipWs();
                if (Pos < _s.Length && _s[Pos] == '}') { Pos++; return o; }
                while (true)
                {
                    SkipWs();
                    if (Pos >= _s.Length || _s[Pos] != '"') throw Fail("expected a member name");
                    var k = Str();
                    SkipWs();
                    if (Pos >= _s.Length || _s[Pos] != ':') throw Fail("expected ':'");
                    Pos++;
                    SkipWs();
                    o[k] = Value(depth + 1);
                    SkipWs();
                    if (Pos >= _s.Length) throw Fail("unexpected end in an object");
                    if (_s[Pos] == ',') { Pos++; continue; }
                    if (_s[Pos] == '}') { Pos++; return o; }
                    throw Fail("expected ',' or '}'");
                }
            }

            private JsonArray Arr(int depth)
            {
                var a = new JsonArray();
                Pos++;
                SkipWs();
                if (Pos < _s.Length && _s[Pos] == ']') { Pos++; return a; }
                while (true)
                {
                    SkipWs();
                    a.Add(Value(depth + 1));
                    SkipWs();
                    if (Pos >= _s.Length) throw Fail("unexpected end in an array");
                    if (_s[Pos] == ',') { Pos++; continue; }
                    if (_s[Pos] == ']') { Pos++; return a; }
                    throw Fail("expected ',' or ']'");
                }
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
