using BenchmarkDotNet.Attributes;
using LlamaWoolFarm.Domain.Numbers;

namespace LlamaWoolFarm.Benchmarks;

[MemoryDiagnoser]
public class BigNumberBenchmarks
{
    private BigNumber _a;
    private BigNumber _b;
    private string _text = "";

    [GlobalSetup]
    public void Setup()
    {
        _a = BigNumber.Parse("3.14159e400");
        _b = BigNumber.Parse("2.71828e398");
        _text = _a.ToString();
    }

    [Benchmark]
    public BigNumber Add() => _a + _b;

    [Benchmark]
    public BigNumber Multiply() => _a * _b;

    [Benchmark]
    public BigNumber Divide() => _a / _b;

    [Benchmark]
    public int Compare() => _a.CompareTo(_b);

    [Benchmark]
    public BigNumber Pow() => _b.Pow(1.15);

    [Benchmark]
    public double Log10() => _a.Log10();

    [Benchmark]
    public BigNumber FromDouble() => BigNumber.FromDouble(123456.789);

    [Benchmark]
    public BigNumber Parse() => BigNumber.Parse(_text);

    [Benchmark]
    public string Format() => _a.ToString();
}
