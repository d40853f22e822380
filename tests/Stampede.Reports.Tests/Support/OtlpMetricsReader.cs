using System.Buffers.Binary;
using System.Text;

namespace Stampede.Reports.Tests.Support;

/// <summary>
/// Reads the data points out of an OTLP/HTTP protobuf <c>ExportMetricsServiceRequest</c> by walking the protobuf wire
/// format along the field numbers of opentelemetry-proto's <c>metrics.proto</c> (resource metrics → scope metrics →
/// metric → gauge, sum or histogram → data points). A number point's value is its <c>as_double</c> (or <c>as_int</c>),
/// a histogram point's is its count. Enough to check what an export says without the proto package.
/// </summary>
internal static class OtlpMetricsReader
{
    public static List<OtlpPoint> Points(byte[] request)
    {
        var points = new List<OtlpPoint>();
        foreach (var resource in Fields(request, 1))
        {
            foreach (var scope in Fields(resource, 2))
            {
                foreach (var metric in Fields(scope, 2))
                {
                    var name = Encoding.UTF8.GetString(Fields(metric, 1).Single().Span);
                    foreach (var gauge in Fields(metric, 5).Concat(Fields(metric, 7)))
                    {
                        points.AddRange(Fields(gauge, 1).Select(p => new OtlpPoint(name, Attributes(p, 7), NumberValue(p))));
                    }

                    foreach (var histogram in Fields(metric, 9))
                    {
                        points.AddRange(Fields(histogram, 1).Select(p => new OtlpPoint(name, Attributes(p, 9), Fixed64(p, 4))));
                    }
                }
            }
        }

        return points;
    }

    private static Dictionary<string, string> Attributes(ReadOnlyMemory<byte> point, int field) =>
        Fields(point, field).ToDictionary(
            kv => Encoding.UTF8.GetString(Fields(kv, 1).Single().Span),
            kv => Fields(kv, 2).Select(v => Fields(v, 1).Select(s => Encoding.UTF8.GetString(s.Span)).SingleOrDefault() ?? "").Single());

    private static double NumberValue(ReadOnlyMemory<byte> point)
    {
        foreach (var (field, wire, value) in Read(point))
        {
            if (field == 4 && wire == 1)
            {
                return BitConverter.Int64BitsToDouble((long)BinaryPrimitives.ReadUInt64LittleEndian(value.Span));
            }

            if (field == 6 && wire == 1)
            {
                return (long)BinaryPrimitives.ReadUInt64LittleEndian(value.Span);
            }
        }

        throw new InvalidDataException("a number data point without a value");
    }

    private static double Fixed64(ReadOnlyMemory<byte> message, int field) =>
        Read(message).Where(f => f.Field == field && f.Wire == 1).Select(f => (double)BinaryPrimitives.ReadUInt64LittleEndian(f.Value.Span)).SingleOrDefault();

    private static IEnumerable<ReadOnlyMemory<byte>> Fields(ReadOnlyMemory<byte> message, int field) =>
        Read(message).Where(f => f.Field == field && f.Wire == 2).Select(f => f.Value);

    private static IEnumerable<(int Field, int Wire, ReadOnlyMemory<byte> Value)> Read(ReadOnlyMemory<byte> message)
    {
        var offset = 0;
        while (offset < message.Length)
        {
            var tag = Varint(message.Span, ref offset);
            var (field, wire) = ((int)(tag >> 3), (int)(tag & 7));
            var length = wire switch
            {
                0 => 0,
                1 => 8,
                2 => (int)Varint(message.Span, ref offset),
                5 => 4,
                _ => throw new InvalidDataException($"unsupported wire type {wire} at {offset}"),
            };
            if (wire == 0)
            {
                var start = offset;
                Varint(message.Span, ref offset);
                yield return (field, wire, message[start..offset]);
                continue;
            }

            yield return (field, wire, message.Slice(offset, length));
            offset += length;
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = bytes[offset++];
            value |= (ulong)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
    }
}

/// <summary>One exported data point: its metric, attributes and value (a histogram's: its count).</summary>
internal sealed record OtlpPoint(string Metric, IReadOnlyDictionary<string, string> Attributes, double Value);
