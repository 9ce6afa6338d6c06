using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace StoreSubmit
{
    /// <summary>
    /// A typed view of a JSON document (the generated classes in <c>StoreSubmit.Models</c>). Properties read
    /// and write the underlying <see cref="Json"/>, so fields the class does not know survive a
    /// GET-modify-PUT, and any field stays reachable through <see cref="Json"/>.
    /// </summary>
    public abstract class JsonModel
    {
        private JsonObject _json;

        /// <summary>An empty document.</summary>
        protected JsonModel() : this(new JsonObject()) { }

        /// <summary>A view of <paramref name="json"/> (not copied).</summary>
        protected JsonModel(JsonObject json)
        {
            if (json == null) throw new ArgumentNullException("json");
            _json = json;
        }

        /// <summary>The document itself.</summary>
        public JsonObject Json { get { return _json; } }

        internal void Attach(JsonObject json) { _json = json; }

        /// <summary>The document as compact JSON.</summary>
        public override string ToString() { return _json.ToString(); }

        /// <summary>A string member.</summary>
        protected string GetString(string name) { return _json.GetString(name); }

        /// <summary>A boolean member.</summary>
        protected bool? GetBool(string name) { var v = _json[name]; return v is bool ? (bool?)v : null; }

        /// <summary>An integer member.</summary>
        protected long? GetLong(string name)
        {
            var v = _json[name];
            return StoreSubmit.Json.IsNumber(v) ? (long?)Convert.ToInt64(v, CultureInfo.InvariantCulture) : null;
        }

        /// <summary>A number member.</summary>
        protected double? GetDouble(string name)
        {
            var v = _json[name];
            return StoreSubmit.Json.IsNumber(v) ? (double?)Convert.ToDouble(v, CultureInfo.InvariantCulture) : null;
        }

        /// <summary>An object member as a model (null when absent).</summary>
        protected T GetModel<T>(string name) where T : JsonModel, new()
        {
            var o = _json.GetObject(name);
            return o == null ? null : Wrap<T>(o);
        }

        /// <summary>An array member as a list of models (null when absent).</summary>
        protected ModelList<T> GetList<T>(string name) where T : JsonModel, new()
        {
            var a = _json.GetArray(name);
            return a == null ? null : new ModelList<T>(a);
        }

        /// <summary>An object member as a map of models (null when absent).</summary>
        protected ModelMap<T> GetMap<T>(string name) where T : JsonModel, new()
        {
            var o = _json.GetObject(name);
            return o == null ? null : new ModelMap<T>(o);
        }

        /// <summary>Sets a member (null removes it).</summary>
        protected void Put(string name, object value)
        {
            if (value == null) { _json.Remove(name); return; }
            var model = value as JsonModel;
            if (model != null) value = model.Json;
            var list = value as IModelCollection;
            if (list != null) value = list.Json;
            _json[name] = value;
        }

        internal static T Wrap<T>(JsonObject o) where T : JsonModel, new()
        {
            var t = new T();
            t.Attach(o);
            return t;
        }
    }

    internal interface IModelCollection
    {
        object Json { get; }
    }

    /// <summary>A JSON array seen as a list of models (changes write through to the array).</summary>
    public sealed class ModelList<T> : IList<T>, IReadOnlyList<T>, IModelCollection where T : JsonModel, new()
    {
        private readonly JsonArray _items;

        /// <summary>An empty list.</summary>
        public ModelList() : this(new JsonArray()) { }

        /// <summary>A view of <paramref name="items"/>.</summary>
        public ModelList(JsonArray items) { _items = items; }

        object IModelCollection.Json { get { return _items; } }

        /// <summary>The array itself.</summary>
        public JsonArray Json { get { return _items; } }

        /// <summary>The item at <paramref name="index"/> (null when it is not an object).</summary>
        public T this[int index]
        {
            get { var o = _items[index] as JsonObject; return o == null ? null : JsonModel.Wrap<T>(o); }
            set { _items[index] = value == null ? null : value.Json; }
        }

        /// <summary>The number of items.</summary>
        public int Count { get { return _items.Count; } }

        /// <summary>Always false.</summary>
        public bool IsReadOnly { get { return false; } }

        /// <summary>Appends an item.</summary>
        public void Add(T item) { _items.Add(item == null ? null : item.Json); }

        /// <summary>Removes every item.</summary>
        public void Clear() { _items.Clear(); }

        /// <summary>Whether the item's document is in the list.</summary>
        public bool Contains(T item) { return IndexOf(item) >= 0; }

        /// <summary>Copies the items to an array.</summary>
        public void CopyTo(T[] array, int arrayIndex) { for (var i = 0; i < Count; i++) array[arrayIndex + i] = this[i]; }

        /// <summary>The items.</summary>
        public IEnumerator<T> GetEnumerator() { for (var i = 0; i < Count; i++) yield return this[i]; }

        /// <summary>The index of the item's document, or -1.</summary>
        public int IndexOf(T item) { return item == null ? _items.IndexOf(null) : _items.IndexOf(item.Json); }

        /// <summary>Inserts an item.</summary>
        public void Insert(int index, T item) { _items.Insert(index, item == null ? null : item.Json); }

        /// <summary>Removes the item's document.</summary>
        public bool Remove(T item) { var i = IndexOf(item); if (i < 0) return false; _items.RemoveAt(i); return true; }

        /// <summary>Removes the item at <paramref name="index"/>.</summary>
        public void RemoveAt(int index) { _items.RemoveAt(index); }

        IEnumerator IEnumerable.GetEnumerator() { return GetEnumerator(); }
    }

    /// <summary>A JSON object seen as a map of names to models (listings by language; changes write through).</summary>
    public sealed class ModelMap<T> : IModelCollection, IEnumerable<KeyValuePair<string, T>> where T : JsonModel, new()
    {
        private readonly JsonObject _map;

        /// <summary>An empty map.</summary>
        public ModelMap() : this(new JsonObject()) { }

        /// <summary>A view of <paramref name="map"/>.</summary>
        public ModelMap(JsonObject map) { _map = map; }

        object IModelCollection.Json { get { return _map; } }

        /// <summary>The object itself.</summary>
        public JsonObject Json { get { return _map; } }

        /// <summary>The entry of <paramref name="key"/> (null when absent); setting adds or replaces it.</summary>
        public T this[string key]
        {
            get { var o = _map.GetObject(key); return o == null ? null : JsonModel.Wrap<T>(o); }
            set { _map[key] = value == null ? null : value.Json; }
        }

        /// <summary>The names.</summary>
        public ICollection<string> Keys { get { return _map.Keys; } }

        /// <summary>The number of entries.</summary>
        public int Count { get { return _map.Count; } }

        /// <summary>Whether the name is present.</summary>
        public bool ContainsKey(string key) { return _map.ContainsKey(key); }

        /// <summary>The entries.</summary>
        public IEnumerator<KeyValuePair<string, T>> GetEnumerator()
        {
            foreach (var k in _map.Keys) yield return new KeyValuePair<string, T>(k, this[k]);
        }

        IEnumerator IEnumerable.GetEnumerator() { return GetEnumerator(); }
    }
}
