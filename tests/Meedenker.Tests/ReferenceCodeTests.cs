using Meedenker.Domain;

namespace Meedenker.Tests;

public sealed class ReferenceCodeTests
{
    [Fact]
    public void New_codes_have_the_readable_shape_without_look_alike_characters()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => ReferenceCode.New()).ToList();
        foreach (var code in codes)
        {
            Assert.Matches("^MD-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{4}$", code);
        }
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Theory]
    [InlineData("md-7k3q-9pxa", "MD-7K3Q-9PXA")]
    [InlineData(" MD 7K3Q 9PXA ", "MD-7K3Q-9PXA")]
    [InlineData("7K3Q9PXA", "MD-7K3Q-9PXA")]
    [InlineData("MD-7K3Q-9PX0", null)]
    [InlineData("MD-7K3Q-9PXAA", null)]
    [InlineData("", null)]
    [InlineData("<script>", null)]
    public void Normalize_accepts_what_people_type_and_refuses_the_rest(string input, string? expected) =>
        Assert.Equal(expected, ReferenceCode.Normalize(input));

    [Fact]
    public void Seeded_codes_repeat_for_the_same_seed()
    {
        Assert.Equal(ReferenceCode.New(new Random(7)), ReferenceCode.New(new Random(7)));
        Assert.NotEqual(ReferenceCode.New(new Random(7)), ReferenceCode.New(new Random(8)));
    }
}
