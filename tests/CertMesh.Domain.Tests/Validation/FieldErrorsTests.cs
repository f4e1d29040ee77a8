using CertMesh.Contracts;
using CertMesh.Domain.Validation;

namespace CertMesh.Domain.Tests.Validation;

public sealed class FieldErrorsTests
{
    private static IEnumerable<FieldError> Errors(int count) => Enumerable.Range(0, count).Select(i => new FieldError($"spec.dnsNames[{i}]", "bad"));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(100, 100)]
    [InlineData(101, 101)]
    [InlineData(1_000_000, 101)]
    public void Capped_ManyErrors_KeepsAHundredAndCountsTheRest(int count, int kept)
    {
        var errors = FieldErrors.Capped(Errors(count));

        Assert.Equal(kept, errors.Count);
        if (count > FieldErrors.MaxReported)
            Assert.Equal($"{count - 100} more errors not shown (at most 100 are reported; limit MaxReported)", errors[^1].Message);
    }

    [Fact]
    public void Invalid_LongValue_QuotesPrefixAndLength()
    {
        var error = FieldErrors.Invalid("metadata.name", new string('n', 5_000_000), "too long");

        Assert.Equal($"Invalid value: \"{new string('n', 64)}...\" (5000000 characters): too long", error.Message);
    }

    [Fact]
    public void Unsupported_LongValue_QuotesPrefix()
    {
        var error = FieldErrors.Unsupported("spec.usages[0]", new string('u', 100_000), ["server auth"]);

        Assert.True(error.Message.Length < 200);
    }
}
