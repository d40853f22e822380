namespace Stampede.DemoTarget; internal static class Placeholder {}
