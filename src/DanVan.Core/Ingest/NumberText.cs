using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DanVan.Core.Ingest;

public enum NumberStatus
{
    Ok,
    NotANumber,
    NotWhole,
    Negative,
    TooLarge,
}

/// <summary>
/// Reads the numbers agencies type: whole numbers ≥ 0, possibly typed as text with Vietnamese grouping
/// (<c>1.234</c>), spaces (<c>1 234</c>) or a trailing unit (<c>15 cuộc</c>). A comma is the Vietnamese
/// decimal mark, so <c>1,5</c> is not whole; a dot followed by exactly three digits groups thousands.
/// </summary>
public static partial class NumberText
{
    /// <summary>Larger values are implausible for one unit in one quarter: almost certainly a typing slip.</summary>
    public const long MaxPlausible = 1_000_000_000;

    public static NumberStatus Parse(string text, out long value)
    {
        value = 0;
        var s = text.Normalize(NormalizationForm.FormC).Trim();
        var m = Shape().Match(s);
        if (!m.Success)
        {
            return NumberStatus.NotANumber;
        }
        var negative = m.Groups["sign"].Value is "-" or "\u2212";
        var digits = Spaces().Replace(m.Groups["num"].Value, string.Empty);
        decimal number;
        if (IntegerDigits().IsMatch(digits) || DotGrouped().IsMatch(digits) || CommaGroupedTwice().IsMatch(digits))
        {
            var plain = digits.Replace(".", string.Empty, StringComparison.Ordinal).Replace(",", string.Empty, StringComparison.Ordinal);
            if (plain.Length > 18)
            {
                return negative ? NumberStatus.Negative : NumberStatus.TooLarge;
            }
            number = decimal.Parse(plain, CultureInfo.InvariantCulture);
        }
        else if (DecimalComma().Match(digits) is { Success: true } dc)
        {
            var whole = dc.Groups["int"].Value.Replace(".", string.Empty, StringComparison.Ordinal);
            if (whole.Length > 18)
            {
                return negative ? NumberStatus.Negative : NumberStatus.TooLarge;
            }
            number = decimal.Parse(whole + "." + dc.Groups["frac"].Value, CultureInfo.InvariantCulture);
        }
        else if (DecimalDot().IsMatch(digits) && digits.Length <= 28)
        {
            number = decimal.Parse(digits, CultureInfo.InvariantCulture);
        }
        else
        {
            return NumberStatus.NotANumber;
        }
        return Classify(negative ? -number : number, out value);
    }

    /// <summary>A number cell's value (doubles from the sheet; tiny float noise from formulas is forgiven).</summary>
    public static NumberStatus FromDouble(double number, out long value)
    {
        value = 0;
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            return NumberStatus.NotANumber;
        }
        if (Math.Abs(number) > 1e18)
        {
            return number < 0 ? NumberStatus.Negative : NumberStatus.TooLarge;
        }
        var rounded = Math.Round(number);
        return Math.Abs(number - rounded) < 1e-7 ? Classify((decimal)rounded, out value) : Classify((decimal)number, out value);
    }

    private static NumberStatus Classify(decimal number, out long value)
    {
        value = 0;
        if (number < 0)
        {
            return NumberStatus.Negative;
        }
        if (number != decimal.Truncate(number))
        {
            return NumberStatus.NotWhole;
        }
        if (number > MaxPlausible)
        {
            return NumberStatus.TooLarge;
        }
        value = (long)number;
        return NumberStatus.Ok;
    }

    // Optional sign, digits with separators and inner spaces, then optionally a unit made of letters.
    [GeneratedRegex(@"^(?<sign>[-+\u2212])?\s*(?<num>\d[\d.,\s\u00A0\u202F]*?)\s*(?<unit>\p{L}[\p{L}\p{M}\s.]*)?$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"[\s\u00A0\u202F]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^\d+$")]
    private static partial Regex IntegerDigits();

    [GeneratedRegex(@"^\d{1,3}(\.\d{3})+$")]
    private static partial Regex DotGrouped();

    [GeneratedRegex(@"^\d{1,3}(,\d{3}){2,}$")]
    private static partial Regex CommaGroupedTwice();

    [GeneratedRegex(@"^(?<int>\d{1,3}(\.\d{3})+|\d+),(?<frac>\d+)$")]
    private static partial Regex DecimalComma();

    [GeneratedRegex(@"^\d+\.\d+$")]
    private static partial Regex DecimalDot();
}
