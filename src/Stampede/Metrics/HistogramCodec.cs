using System.Diagnostics.CodeAnalysis;
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

    // HdrHistogram's decoder picks the histogram type from the encoding's word size and calls its
    // (long, long, int) constructor through reflection; keep those constructors so decoding works when trimmed
    // or compiled with NativeAOT (without them it throws "does not have a supported constructor").
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(LongHistogram))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(IntHistogram))]
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicConstructors, typeof(ShortHistogram))]
    public static HistogramBase Decode(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        return HistogramEncoding.DecodeFromCompressedByteBuffer(ByteBuffer.Allocate(bytes), 0);
    }
}
