using DanVan.Core.Registry;

namespace DanVan.Core.Tests.Registry;

/// <summary>The one place a typed unit code becomes the registry's: "so-vpub" and "SO-VPUB" are one unit.</summary>
public sealed class CanonicalCodeTests
{
    private static readonly UnitRegistry Registry = UnitRegistry.Default;
    private static readonly DateOnly After = new(2025, 7, 1);

    [Theory]
    [InlineData("SO-VPUB")]
    [InlineData("so-vpub")]
    [InlineData("  So-Vpub\t")]
    public void Any_case_and_surrounding_space_gives_the_registry_code(string typed)
    {
        Assert.True(Registry.TryCanonical(typed, After, out var unit));
        Assert.Equal("SO-VPUB", unit.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("SO-KHONGCO")]
    [InlineData("SO VPUB")]
    public void Blank_or_unknown_codes_have_none(string? typed)
    {
        Assert.False(Registry.TryCanonical(typed, After, out var unit));
        Assert.Null(unit);
    }

    [Fact]
    public void A_code_is_canonical_only_where_it_is_valid()
    {
        var district = Registry.ReportingAt(new DateOnly(2025, 3, 1)).First(u => u.Level == UnitLevel.Huyen);

        Assert.True(Registry.TryCanonical(district.Code.ToLowerInvariant(), new DateOnly(2025, 3, 1), out var before));
        Assert.Equal(district.Code, before.Code);
        Assert.False(Registry.TryCanonical(district.Code, After, out _));
    }
}
