namespace Stampede; internal static class Placeholder {}
