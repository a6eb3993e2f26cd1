namespace Meedenker.IntegrationTests.Infrastructure;

public static partial class Totp
{
    /// <summary>
    /// The code an authenticator app shows now, by <see cref="TestClock"/>: the app checks codes against its
    /// TimeProvider (Infrastructure/AuthenticatorCodes.cs), which in the tests is that clock. Written here
    /// independently of the app's library, as a phone's app would be.
    /// </summary>
    public static string CodeNow(string base32Key) => Code(base32Key, TestClock.Now);
}
