using HdrHistogram;
using HdrHistogram.Utilities;

namespace Stampede.Metrics;

/// <summary>HdrHistogram's standard compressed encoding, as base64, so results can be merged and re-read exactly.</summary>
internal static class HistogramCodec
{
    public static string Encode(HistogramBase histogram)
    {
        var buffer = ByteBuffer.Allocate(histogram.GetNeededByteBufferCapacity());
        var length = histogram.EncodeIntoCompressedByteBuffer(buffer);
        buffer.Position = 0;
        var bytes = new byte[length];
        for (var i = 0; i < length; i++)
        {
            bytes[i] = buffer.Get();
        }

        return Convert.ToBase64String(bytes);
    }

    public static HistogramBase Decode(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        return HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), 0);
    }
}
