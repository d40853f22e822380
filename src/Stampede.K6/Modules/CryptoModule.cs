#pragma warning disable CA5350, CA5351 // k6 scripts ask for MD5 and SHA-1 by name (signatures of APIs under test), not to protect anything.
using System.Security.Cryptography;
using Jint.Native;
using Jint.Runtime;
using Jint.Runtime.Modules;
using Stampede.K6.Runtime;

namespace Stampede.K6.Modules;

/// <summary><c>k6/crypto</c>'s basics: <c>md5</c>, <c>sha1</c>, <c>sha256</c>, <c>sha384</c>, <c>sha512</c>, <c>hmac</c>, <c>randomBytes</c>.</summary>
internal static class CryptoModule
{
    public static void Build(VuScope scope, ModuleBuilder module)
    {
        var engine = scope.Engine;
        var exports = Js.Object(engine);
        void Export(string name, JsValue function)
        {
            exports.Put(name, function);
            module.ExportValue(name, function);
        }

        foreach (var algorithm in new[] { "md5", "sha1", "sha256", "sha384", "sha512" })
        {
            Export(algorithm, Js.Function(engine, algorithm, (_, args) => Output(engine, Hash(engine, algorithm, EncodingModule.Bytes(args.Arg(0))), args.Arg(1)), 2));
        }

        Export("hmac", Js.Function(engine, "hmac", (_, args) =>
        {
            var algorithm = TypeConverter.ToString(args.Arg(0));
            var key = EncodingModule.Bytes(args.Arg(1));
            var data = EncodingModule.Bytes(args.Arg(2));
            byte[] mac = algorithm switch
            {
                "md5" => HMACMD5.HashData(key, data),
                "sha1" => HMACSHA1.HashData(key, data),
                "sha256" => HMACSHA256.HashData(key, data),
                "sha384" => HMACSHA384.HashData(key, data),
                "sha512" => HMACSHA512.HashData(key, data),
                _ => throw Js.TypeError(engine, $"hmac: unsupported algorithm '{algorithm}' (md5, sha1, sha256, sha384, sha512)"),
            };
            return Output(engine, mac, args.Arg(3));
        }, 4));
        Export("randomBytes", Js.Function(engine, "randomBytes", (_, args) => engine.Intrinsics.ArrayBuffer.Construct(RandomNumberGenerator.GetBytes((int)TypeConverter.ToNumber(args.Arg(0)))), 1));
        module.ExportValue("default", exports);
    }

    private static byte[] Hash(Jint.Engine engine, string algorithm, byte[] data) => algorithm switch
    {
        "md5" => MD5.HashData(data),
        "sha1" => SHA1.HashData(data),
        "sha256" => SHA256.HashData(data),
        "sha384" => SHA384.HashData(data),
        "sha512" => SHA512.HashData(data),
        _ => throw Js.TypeError(engine, $"unsupported hash '{algorithm}'"),
    };

    private static JsValue Output(Jint.Engine engine, byte[] bytes, JsValue encoding) => Js.StringOrNull(encoding) switch
    {
        "hex" or null => new JsString(Convert.ToHexStringLower(bytes)),
        "base64" => new JsString(Convert.ToBase64String(bytes)),
        "base64url" => new JsString(Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_')),
        "base64rawurl" => new JsString(Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_').TrimEnd('=')),
        "binary" => engine.Intrinsics.ArrayBuffer.Construct(bytes),
        var other => throw Js.TypeError(engine, $"unsupported output encoding '{other}' (hex, base64, base64url, base64rawurl, binary)"),
    };
}
