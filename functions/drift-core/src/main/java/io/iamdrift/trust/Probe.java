package io.iamdrift.trust;

import io.iamdrift.evaluation.Request;

/** One modelled AssumeRole* request: who asks, and the request the evaluator judges. */
public record Probe(Assumer who, Request request) {}
