using CertMesh.Acme.Nonces;

namespace CertMesh.Acme.Tests.Nonces;

public sealed class NoncePoolTests
{
    [Fact]
    public void TryTake_AfterAdds_ReturnsNewestFirst()
    {
        var pool = new NoncePool();
        pool.Add("a");
        pool.Add("b");

        Assert.True(pool.TryTake(out string first));
        Assert.True(pool.TryTake(out string second));
        Assert.False(pool.TryTake(out _));
        Assert.Equal(("b", "a"), (first, second));
    }

    [Fact]
    public void Add_BeyondCapacity_DropsOldest()
    {
        var pool = new NoncePool(capacity: 2);
        pool.Add("a");
        pool.Add("b");
        pool.Add("c");

        Assert.Equal(2, pool.Count);
        pool.TryTake(out _);
        pool.TryTake(out string last);
        Assert.Equal("b", last);
    }

    [Fact]
    public async Task TryTake_Concurrent_HandsEachNonceOutOnce()
    {
        var pool = new NoncePool(capacity: 10_000);
        for (int i = 0; i < 10_000; i++)
        {
            pool.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var taken = new System.Collections.Concurrent.ConcurrentBag<string>();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            while (pool.TryTake(out string nonce))
            {
                taken.Add(nonce);
            }
        })));

        Assert.Equal(10_000, taken.Count);
        Assert.Equal(10_000, taken.Distinct().Count());
    }
}
