using System.Globalization;

namespace DanVan.Core.Text;

/// <summary>Numbers and dates the way Vietnamese documents print them: <c>1.234.567</c>, <c>12,5</c>, <c>dd/MM/yyyy</c>.</summary>
public static class ViFormat
{
    /// <summary>Grouping ".", decimal ",": shared by every text we render (messages, workbooks, pages).</summary>
    internal static readonly NumberFormatInfo Numbers = new()
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
        PositiveSign = "+",
    };

    public static string Number(long value) => value.ToString("#,0", Numbers);

    public static string Number(double value, int decimals) => value.ToString("#,0." + new string('0', decimals), Numbers);

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
