using Jint;
using System.Text;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary><c>k6/encoding</c>: <c>b64encode</c> and <c>b64decode</c> in the std, rawstd, url and rawurl alphabets.</summary>
internal static class EncodingModule
{
    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var encode = Js.Function(engine, "b64encode", (_, args) => new JsString(Encode(Bytes(args.Arg(0)), Js.StringOrNull(args.Arg(1)) ?? "std")), 2);
        var decode = Js.Function(engine, "b64decode", (_, args) =>
        {
            var bytes = Decode(engine, TypeConverter.ToString(args.Arg(0)), Js.StringOrNull(args.Arg(1)) ?? "std");
            return Js.StringOrNull(args.Arg(2)) == "s" ? new JsString(Encoding.UTF8.GetString(bytes)) : engine.Intrinsics.ArrayBuffer.Construct(bytes);
        }, 3);
        var exports = Js.Object(engine);
        exports.Put("b64encode", encode);
        exports.Put("b64decode", decode);
        module.ExportValue("b64encode", encode);
        module.ExportValue("b64decode", decode);
        module.ExportValue("default", exports);
    }

    internal static byte[] Bytes(JsValue value) => value.IsArrayBuffer() ? value.AsArrayBuffer()! : Encoding.UTF8.GetBytes(TypeConverter.ToString(value));

    private static string Encode(byte[] bytes, string alphabet)
    {
        var text = Convert.ToBase64String(bytes);
        if (alphabet.Contains("url", StringComparison.Ordinal))
        {
            text = text.Replace('+', '-').Replace('/', '_');
        }

        return alphabet.StartsWith("raw", StringComparison.Ordinal) ? text.TrimEnd('=') : text;
    }

    private static byte[] Decode(Jint.Engine engine, string text, string alphabet)
    {
        if (alphabet.Contains("url", StringComparison.Ordinal))
        {
            text = text.Replace('-', '+').Replace('_', '/');
        }

        text = text.PadRight(text.Length + ((4 - (text.Length % 4)) % 4), '=');
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            throw Js.Error(engine, "b64decode: the input is not base64");
        }
    }
}
