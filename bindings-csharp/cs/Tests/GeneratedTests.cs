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
        private static JsonObject Manifest() { return (JsonObject)Repo.ReadJson(Repo.Vectors("manifest.json")); }

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
    }
}
