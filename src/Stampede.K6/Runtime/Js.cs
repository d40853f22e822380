using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace Stampede.K6.Runtime;

/// <summary>Small conversions between Jint values and .NET ones, written once for every module.</summary>
internal static class Js
{
    public static JsValue Arg(this JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    public static bool IsMissing(this JsValue value) => value.IsUndefined() || value.IsNull();

    public static ClrFunction Function(Engine engine, string name, Func<JsValue, JsValue[], JsValue> body, int length = 0) =>
        new(engine, name, body, length);

    public static JsObject Object(Engine engine) => new(engine);

    public static void Put(this ObjectInstance target, string name, JsValue value) => target.FastSetProperty(name, new Jint.Runtime.Descriptors.PropertyDescriptor(value, true, true, true));

    public static void Put(this ObjectInstance target, string name, string value) => target.Put(name, new JsString(value));

    public static void Put(this ObjectInstance target, string name, double value) => target.Put(name, JsNumber.Create(value));

    public static void Put(this ObjectInstance target, string name, bool value) => target.Put(name, value ? JsBoolean.True : JsBoolean.False);

    public static string? StringOrNull(JsValue value) => value.IsMissing() ? null : TypeConverter.ToString(value);

    public static IEnumerable<(string Key, JsValue Value)> Properties(JsValue value)
    {
        if (value is not ObjectInstance obj)
        {
            yield break;
        }

        foreach (var key in obj.GetOwnPropertyKeys(Types.String))
        {
            var descriptor = obj.GetOwnProperty(key);
            if (descriptor.Enumerable)
            {
                yield return (key.ToString(), obj.Get(key));
            }
        }
    }

    public static string Stringify(Engine engine, JsValue value)
    {
        var json = new JsonSerializer(engine).Serialize(value, JsValue.Undefined, JsValue.Undefined);
        return json.IsUndefined() ? "null" : json.ToString();
    }

    public static JsValue Parse(Engine engine, string json) => new JsonParser(engine).Parse(json);

    public static JsValue Call(Engine engine, JsValue function, params JsValue[] args) => engine.Call(function, JsValue.Undefined, args);

    public static JavaScriptException Error(Engine engine, string message) => new(engine.Intrinsics.Error, message);

    public static JavaScriptException TypeError(Engine engine, string message) => new(engine.Intrinsics.TypeError, message);
}
