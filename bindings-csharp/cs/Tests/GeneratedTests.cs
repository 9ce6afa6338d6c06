using System;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using NUnit.Framework;
using StoreSubmit;

namespace StoreSubmit.Tests
{
    /// <summary>The generated layer against the manifest it was generated from: nothing missing, nothing invented.</summary>
    [TestFixture]
    public class GeneratedTests
    {
        private static JsonObject Manifest() { return Repo.Manifest(); }

        private static string Pascal(string s)
        {
            return string.Concat(s.Split(new[] { '_', '.', '@', '$', '-' }, StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p.Substring(1)));
        }

        [Test]
        public void EveryOperationHasATypedMethodOnItsFamily()
        {
            var families = new[] { typeof(DevcenterOperations), typeof(Win32Operations), typeof(IngestionOperations) };
            var count = 0;
            foreach (JsonObject op in Manifest().GetArray("operations"))
            {
                var id = op.GetString("id");
                var family = id.Split('.')[0];
                if (family == "token") continue;
                var type = families.Single(t => t.Name == Pascal(family) + "Operations");
                var method = type.GetMethod(Pascal(id.Split(new[] { '.' }, 2)[1]) + "Async");
                Assert.IsNotNull(method, id + " has no method on " + type.Name);
                Assert.IsTrue(typeof(Task).IsAssignableFrom(method.ReturnType), id);
                var last = method.GetParameters().Last();
                Assert.AreEqual(typeof(System.Threading.CancellationToken), last.ParameterType, id + " takes a CancellationToken");
                foreach (string p in op.GetArray("pathParams"))
                    Assert.IsTrue(method.GetParameters().Any(x => string.Equals(x.Name, p, StringComparison.OrdinalIgnoreCase)), id + ": parameter " + p);
                count++;
            }
            Assert.Greater(count, 120);
            Assert.AreEqual(count, families.Sum(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Length));
        }

        [Test]
        public void EveryModelHasAClassWithAPropertyPerField()
        {
            var models = Manifest().GetArray("models");
            foreach (JsonObject m in models)
            {
                var type = typeof(JsonModel).Assembly.GetType("StoreSubmit.Models." + m.GetString("name"));
                Assert.IsNotNull(type, m.GetString("name"));
                Assert.IsTrue(typeof(JsonModel).IsAssignableFrom(type));
                var props = type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly);
                Assert.AreEqual(m.GetArray("fields").Count, props.Length, m.GetString("name") + ": one property per field");
                // each property reads and writes its own wire field
                var doc = (JsonModel)Activator.CreateInstance(type);
                foreach (JsonObject f in m.GetArray("fields"))
                {
                    var wire = f.GetString("name");
                    var prop = props.FirstOrDefault(p => p.Name == Pascal(wire)) ?? props.FirstOrDefault(p => p.Name == Pascal(wire) + "Value");
                    Assert.IsNotNull(prop, m.GetString("name") + "." + wire);
                    if (prop.PropertyType == typeof(string))
                    {
                        prop.SetValue(doc, "v-" + wire);
                        Assert.AreEqual("v-" + wire, doc.Json[wire], m.GetString("name") + "." + wire);
                        prop.SetValue(doc, null);
                        Assert.IsFalse(doc.Json.ContainsKey(wire));
                    }
                }
            }
            Assert.Greater(models.Count, 100);
        }

        private static JsonArray Surface(string key) { return Manifest().GetObject("surface").GetArray(key); }

        [Test]
        public void EveryFacadeWorkflowIsAClientMethodWithTheManifestsDefaults()
        {
            var count = 0;
            foreach (JsonObject w in Surface("workflows"))
            {
                var name = BehaviourTests.Pascal(w.GetString("name")) + "Async";
                var methods = typeof(StoreSubmitClient).GetMethods().Where(x => x.Name == name).ToList();
                if (!(bool)w["facade"])
                {
                    CollectionAssert.IsEmpty(methods, name + " is not a facade method");
                    continue;
                }
                Assert.IsNotEmpty(methods, name);
                count++;
                var m = methods.First();
                var ps = m.GetParameters();
                Assert.AreEqual(typeof(System.Threading.CancellationToken), ps.Last().ParameterType, name);
                var required = w.GetArray("params").Cast<JsonObject>().Where(p => (bool)p["required"]).Select(p => p.GetString("name")).ToList();
                CollectionAssert.AreEqual(required, ps.Take(required.Count).Select(p => p.Name).ToList(), name + ": required parameters first, in order");
                var options = ps.FirstOrDefault(p => p.Name == "options");
                foreach (JsonObject p in w.GetArray("params"))
                {
                    if ((bool)p["required"] || p["default"] == null || p["default"] is JsonObject || p["default"] is JsonArray) continue;
                    object got;
                    if (options != null)
                    {
                        var prop = options.ParameterType.GetProperty(BehaviourTests.Pascal(p.GetString("name")));
                        Assert.IsNotNull(prop, name + ": option " + p.GetString("name"));
                        got = prop.GetValue(Activator.CreateInstance(options.ParameterType));
                    }
                    else got = ps.Single(x => x.Name == p.GetString("name")).DefaultValue;
                    var wire = got is Enum ? BehaviourTests.Pascal((string)p["default"]) : (object)p["default"];
                    Assert.AreEqual(Convert.ToString(wire, System.Globalization.CultureInfo.InvariantCulture),
                        Convert.ToString(got, System.Globalization.CultureInfo.InvariantCulture), name + ": default of " + p.GetString("name"));
                }
            }
            Assert.GreaterOrEqual(count, 13);
        }

        [Test]
        public void EveryFacadeCallIsAStaticMethod()
        {
            foreach (JsonObject c in Surface("calls"))
            {
                if (!(bool)c["facade"]) continue;
                var name = BehaviourTests.Pascal(c.GetString("name"));
                var owner = c.GetString("name") == "validate" ? typeof(Validator) : typeof(Offline);
                Assert.IsNotNull(owner.GetMethod(name, BindingFlags.Public | BindingFlags.Static), owner.Name + "." + name);
            }
            Assert.AreEqual(Offline.AllErrorCodes().Count, Manifest().GetArray("errors").Count);
        }

        [Test]
        public void EverySurfaceTypeHasAPropertyPerField()
        {
            foreach (JsonObject t in Surface("types"))
            {
                var type = typeof(JsonModel).Assembly.GetType("StoreSubmit." + t.GetString("name"));
                Assert.IsNotNull(type, t.GetString("name"));
                foreach (JsonObject f in t.GetArray("fields"))
                    Assert.IsNotNull(type.GetProperty(BehaviourTests.Pascal(f.GetString("name"))), t.GetString("name") + "." + f.GetString("name"));
            }
        }
    }
}
