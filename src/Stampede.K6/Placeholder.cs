namespace Stampede.K6; internal static class Placeholder { }
