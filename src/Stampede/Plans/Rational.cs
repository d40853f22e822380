using System.Globalization;
using System.Numerics;

namespace Stampede.Plans;

/// <summary>
/// An exact fraction, always in lowest terms with a positive denominator. Execution segments are rationals, as in
/// k6, because segment boundaries such as 1/3 have no exact binary floating-point form, and shares that must add up
/// to a whole cannot be computed from rounded boundaries.
/// </summary>
internal readonly record struct Rational : IComparable<Rational>
{
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("a rational's denominator is 0");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        Numerator = divisor.IsOne || divisor.IsZero ? numerator : numerator / divisor;
        Denominator = divisor.IsOne || divisor.IsZero ? denominator : denominator / divisor;
    }

    public static Rational Zero => new(0, 1);

    public static Rational One => new(1, 1);

    public BigInteger Numerator { get; }

    public BigInteger Denominator { get; }

    public static Rational operator +(Rational a, Rational b) => new(a.Numerator * b.Denominator + b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator -(Rational a, Rational b) => new(a.Numerator * b.Denominator - b.Numerator * a.Denominator, a.Denominator * b.Denominator);

    public static Rational operator *(Rational a, long b) => new(a.Numerator * b, a.Denominator);

    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    public int CompareTo(Rational other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public double ToDouble() => (double)Numerator / (double)Denominator;

    /// <summary>
    /// Reads the forms k6 accepts for a segment point: a fraction (<c>1/4</c>), a decimal (<c>0.25</c>), a whole
    /// number (<c>1</c>) or a whole percentage (<c>25%</c>).
    /// </summary>
    public static bool TryParse(string text, out Rational value)
    {
        value = default;
        text = text.Trim();
        if (text.EndsWith('%'))
        {
            if (!BigInteger.TryParse(text[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var percent))
            {
                return false;
            }

            value = new Rational(percent, 100);
            return true;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash >= 0)
        {
            if (!BigInteger.TryParse(text[..slash], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var top)
                || !BigInteger.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var bottom) || bottom.IsZero)
            {
                return false;
            }

            value = new Rational(top, bottom);
            return true;
        }

        var point = text.IndexOf('.', StringComparison.Ordinal);
        var digits = point < 0 ? text : text[..point] + text[(point + 1)..];
        if (digits.Length == 0 || digits is "-" or "+" || (point >= 0 && text[(point + 1)..].Any(c => !char.IsAsciiDigit(c)))
            || !BigInteger.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return false;
        }

        value = new Rational(whole, BigInteger.Pow(10, point < 0 ? 0 : text.Length - point - 1));
        return true;
    }

    /// <summary>As k6 writes it: <c>1/4</c>, or a whole number alone (<c>0</c>, <c>1</c>).</summary>
    public override string ToString() => Denominator.IsOne
        ? Numerator.ToString(CultureInfo.InvariantCulture)
        : $"{Numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
