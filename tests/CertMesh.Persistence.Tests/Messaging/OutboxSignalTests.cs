using CertMesh.Persistence.Messaging;

namespace CertMesh.Persistence.Tests.Messaging;

public sealed class OutboxSignalTests
{
    static CommittedMessage Message(int i) => new(Guid.NewGuid(), i, typeof(int), null, null, null, null, null, null);

    [Fact]
    public void TakesHandover_NoDispatcherAccepted_FalseAndNothingTaken()
    {
        var signal = new OutboxSignal();

        Assert.False(signal.TakesHandover);
        Assert.False(signal.HandOver(Message(1)));
    }

    [Fact]
    public void HandOver_ChannelFull_RefusedAndNoLongerOffered()
    {
        var signal = new OutboxSignal();
        var reader = signal.AcceptHandover();

        for (var i = 0; i < OutboxSignal.HandoverCapacity; i++)
            Assert.True(signal.HandOver(Message(i)));

        Assert.False(signal.TakesHandover);
        Assert.False(signal.HandOver(Message(-1)));
        Assert.True(reader.TryRead(out var first));
        Assert.Equal(0, first.Message);
        Assert.True(signal.TakesHandover);
    }

    [Fact]
    public void AcceptHandover_CalledTwice_SameReader()
    {
        var signal = new OutboxSignal();

        Assert.Same(signal.AcceptHandover(), signal.AcceptHandover());
    }
}
