using Multiproc.Processes;
using Xunit;

namespace Multiproc.Tests.Processes;

/// <summary>The child marker the parent writes is the one the child reads, and malformed markers are refused.</summary>
public sealed class StartProtocolTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Marker_FormattedByTheParent_IsParsedByTheChild(bool warm)
    {
        byte[] token = [0x01, 0xAB, 0xFF, 0x00];
        string value = new ChildMarker(StartProtocol.ChildChannelFd, token, warm).Format();

        Assert.Equal(warm ? "1:3:01ABFF00:warm" : "1:3:01ABFF00", value);
        Assert.True(ChildMarker.TryParse(value, out ChildMarker parsed));
        Assert.Equal(StartProtocol.ChildChannelFd, parsed.Fd);
        Assert.Equal(token, parsed.Token);
        Assert.Equal(warm, parsed.Warm);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2:3:01AB")]
    [InlineData("1:x:01AB")]
    [InlineData("1:3:01A")]
    [InlineData("1:3:ZZ")]
    [InlineData("1:3:01AB:cold")]
    [InlineData("1:3")]
    public void Marker_Malformed_IsRefused(string value) =>
        Assert.False(ChildMarker.TryParse(value, out _));
}
