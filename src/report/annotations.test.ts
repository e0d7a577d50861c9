import { expect } from 'chai';
import { annotation, annotationsOn, escapeData, escapeProperty, problemAnnotations } from './annotations.js';

describe('GitHub annotations', () => {
  it('are on when GitHub Actions says so', () => {
    expect(annotationsOn({ GITHUB_ACTIONS: 'true' })).to.equal(true);
    expect(annotationsOn({})).to.equal(false);
    expect(annotationsOn({ GITHUB_ACTIONS: '' })).to.equal(false);
    expect(annotationsOn({ GITHUB_ACTIONS: 'false' })).to.equal(false);
  });

  it('escape messages and properties the way workflow commands need', () => {
    expect(escapeData('100% sure\r\nnext: a, b')).to.equal('100%25 sure%0D%0Anext: a, b');
    expect(escapeProperty('a: b, c%')).to.equal('a%3A b%2C c%25');
  });

  it('name the file, and the line and column when known', () => {
    expect(annotation('error', { file: 'scenarios/a.yaml', line: 12, col: 3, title: 'x: y' }, 'two\nlines')).to.equal(
      '::error file=scenarios/a.yaml,line=12,col=3,title=x%3A y::two%0Alines',
    );
    expect(annotation('warning', { file: 'a,b.yaml' }, 'm')).to.equal('::warning file=a%2Cb.yaml::m');
    expect(
      problemAnnotations([{ file: 'no/such/dir', line: 0, column: 0, path: '', message: 'no such file or directory' }]),
    ).to.deep.equal(['::error file=no/such/dir,title=netpol-harness%3A bad input::no such file or directory']);
  });
});
