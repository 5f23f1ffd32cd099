/**
 * Sample catalog service: lists the shop's items with prices from the pricing service;
 * one jar that runs as version v1 or v2.
 */
package dev.mesh.sample.catalog;
