using Jint;
using Jint.Native;
using Jint.Native.Function;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary>
/// <c>k6/data</c>'s <c>SharedArray</c>: built once by the first VU that asks, kept as one JSON text per element and
/// shared by every VU; an element is parsed when it is read, as in k6, so VUs never hold copies of the whole array.
/// </summary>
internal static class DataModule
{
    private static readonly Prepared<Acornima.Ast.Script> ProxySource = Jint.Engine.PrepareScript("""
        (function (host) {
          function view(id) {
          const length = host.length(id);
          return new Proxy([], {
            get(target, key) {
              if (key === 'length') return length;
              if (typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key)) {
                const i = +key;
                return i < length ? JSON.parse(host.item(id, i)) : undefined;
              }
              return Reflect.get(target, key);
            },
            has(target, key) {
              if (typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key)) return +key < length;
              return key === 'length' || Reflect.has(target, key);
            },
            set() { throw new TypeError('SharedArray is read-only'); },
            ownKeys() { const keys = []; for (let i = 0; i < length; i++) keys.push(String(i)); keys.push('length'); return keys; },
            getOwnPropertyDescriptor(target, key) {
              if (key === 'length') return Reflect.getOwnPropertyDescriptor(target, key);
              if (typeof key === 'string' && /^(0|[1-9][0-9]*)$/.test(key) && +key < length) return { value: JSON.parse(host.item(id, +key)), enumerable: true, configurable: true, writable: false };
              return undefined;
            },
          });
          }
          return class SharedArray { constructor(name, build) { return view(host.build(name, build)); } };
        })
        """);

    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var host = Js.Object(engine);
        host.Put("length", Js.Function(engine, "length", (_, args) => scope.Script.SharedArrays[args.Arg(0).ToString()].Length));
        host.Put("item", Js.Function(engine, "item", (_, args) => scope.Script.SharedArrays[args.Arg(0).ToString()][(int)TypeConverter.ToNumber(args.Arg(1))]));
        host.Put("build", Js.Function(engine, "build", (_, args) => Build(scope, args), 2));
        var constructor = engine.Call(engine.Evaluate(ProxySource), JsValue.Undefined, [host]);
        module.ExportValue("SharedArray", constructor);
        var exports = Js.Object(engine);
        exports.Put("SharedArray", constructor);
        module.ExportValue("default", exports);
    }

    private static JsValue Build(VuScope scope, JsValue[] arguments)
    {
        var engine = scope.Engine;
        if (!scope.InInit)
        {
            throw Js.Error(engine, "new SharedArray() is only available in the init context");
        }

        var name = TypeConverter.ToString(arguments.Arg(0));
        if (arguments.Arg(1) is not Function build)
        {
            throw Js.TypeError(engine, "SharedArray needs a name and a function that returns an array");
        }

        scope.Script.SharedArrays.GetOrAdd(name, _ =>
        {
            if (engine.Call(build, JsValue.Undefined, []) is not JsArray array)
            {
                throw Js.TypeError(engine, $"the function given to SharedArray '{name}' must return an array");
            }

            var items = new string[array.Length];
            for (uint i = 0; i < items.Length; i++)
            {
                items[i] = Js.Stringify(engine, array.Get(i));
            }

            return items;
        });
        return new JsString(name);
    }
}
