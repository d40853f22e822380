using Jint.Native.Object;

namespace Stampede.K6.Runtime;

/// <summary>A script-visible object that carries a .NET value the host reads back (expected statuses, a tagged URL) without encoding it in properties.</summary>
internal sealed class HostValue<T>(Jint.Engine engine, T value) : ObjectInstance(engine)
{
    public T Value { get; } = value;
}
