using Stampede.K6.Summary;

namespace Stampede.K6.Tests.Summary;

public sealed class K6HumanizeTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(0.0005, "500ns")]
    [InlineData(0.5, "500µs")]
    [InlineData(0.01234, "12.34µs")]
    [InlineData(1.999, "1.99ms")]
    [InlineData(250, "250ms")]
    [InlineData(1999.9, "1.99s")]
    [InlineData(60_000, "1m0s")]
    [InlineData(65_432, "1m5s")]
    [InlineData(3_723_000, "1h2m3s")]
    public void Durations_take_the_unit_that_fits_and_truncate(double ms, string expected) =>
        K6Humanize.Value(ms, "trend", "time", "").ShouldBe(expected);

    [Theory]
    [InlineData(5, "5 B")]
    [InlineData(999, "999 B")]
    [InlineData(1500, "1.5 kB")]
    [InlineData(12_345_678, "12 MB")]
    [InlineData(9_960_000_000, "10 GB")]
    public void Bytes_are_in_SI_units(double bytes, string expected) =>
        K6Humanize.Value(bytes, "counter", "data", null).ShouldBe(expected);

    [Theory]
    [InlineData(1, "100.00%")]
    [InlineData(0.99999, "99.99%")]
    [InlineData(0, "0.00%")]
    public void Rates_are_truncated_percentages(double rate, string expected) =>
        K6Humanize.Value(rate, "rate", "default", null).ShouldBe(expected);

    [Theory]
    [InlineData(10, "10")]
    [InlineData(3.333333333, "3.333333")]
    [InlineData(0.1, "0.1")]
    [InlineData(1e-9, "0")]
    public void Plain_numbers_have_up_to_six_decimals_without_trailing_zeros(double value, string expected) =>
        K6Humanize.Value(value, "counter", "default", null).ShouldBe(expected);
}
