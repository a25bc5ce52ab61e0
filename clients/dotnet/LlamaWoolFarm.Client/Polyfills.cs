// netstandard2.1 lacks the marker type the compiler needs for init accessors; declaring it internally is the
// documented way to use them on older targets.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
