Console.WriteLine("DanVan benchmarks");
